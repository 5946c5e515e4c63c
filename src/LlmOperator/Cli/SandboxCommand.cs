using System.CommandLine;
using System.Text.Json.Nodes;
using k8s;
using LlmOperator.Api.Text;
using LlmOperator.Api.V1Alpha1;
using LlmOperator.Controllers.Common;
using LlmOperator.Controllers.Hosting;
using LlmOperator.Kubernetes.Access;
using LlmOperator.Manifests.Crds;
using LlmOperator.Sandbox.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace LlmOperator.Cli;

/// <summary>
/// <c>llmop sandbox</c>: runs the embedded Kubernetes API server until interrupted, with the CRDs
/// installed and the operator running against it (unless <c>--no-operator</c>).
/// </summary>
internal static class SandboxCommand
{
    public static Command Create()
    {
        var port = new Option<int>("--port") { Description = "Loopback port to listen on (0 picks a free one).", DefaultValueFactory = _ => 0 };
        var kubeconfig = new Option<string?>("--write-kubeconfig") { Description = "Write a kubeconfig for kubectl and clients to this path." };
        var apply = new Option<string[]>("--apply")
        {
            Description = "Manifests (files or folders) to apply once the server is up.",
            AllowMultipleArgumentsPerToken = false,
        };
        var noOperator = new Option<bool>("--no-operator")
        {
            Description = "Run the API server alone: no CRDs or operator ClusterRoles installed, no operator (run llmop operator against it yourself).",
        };
        var demo = new Option<bool>("--demo")
        {
            Description = "Once up, roll out two releases of the sample ModelDeployment default/chat (--apply config/samples/sandbox): "
                + "one promoted, one rolled back.",
        };
        var jobDuration = new Option<string?>("--simulated-job-duration")
        {
            Description = "How long a Job's container of an image the sandbox does not run takes to succeed, as a duration (default 200ms).",
        };
        var scrapeTargets = new Option<string?>("--scrape-targets")
        {
            Description = "Keep the pods that run as processes in this file, for a local Prometheus's file_sd_configs "
                + "(with the labels Kubernetes discovery gives; see config/prometheus/sandbox.yml).",
        };
        var command = new Command("sandbox", "Run the embedded Kubernetes API server (and simulated workloads) on loopback, with the operator.")
        {
            port,
            kubeconfig,
            apply,
            noOperator,
            demo,
            jobDuration,
            scrapeTargets,
        };
        command.Validators.Add(result =>
        {
            if (result.GetValue(demo) && result.GetValue(noOperator))
            {
                result.AddError("--demo needs the operator: it cannot be combined with --no-operator");
            }

            if (result.GetValue(jobDuration) is { } duration)
            {
                try
                {
                    _ = GoDuration.Parse(duration);
                }
                catch (FormatException e)
                {
                    result.AddError($"--simulated-job-duration: {e.Message}");
                }
            }
        });
        command.SetAction((parsed, cancellationToken) => RunAsync(
            new SandboxOptions
            {
                Port = parsed.GetValue(port),
                LlmopCommand = LlmopProcess.Command(),
                SimulatedJobDuration = parsed.GetValue(jobDuration) is { } duration ? GoDuration.Parse(duration) : null,
                ScrapeTargetsPath = parsed.GetValue(scrapeTargets) is { } targets ? Path.GetFullPath(targets) : null,
            },
            parsed.GetValue(kubeconfig),
            parsed.GetValue(apply) ?? [],
            !parsed.GetValue(noOperator),
            parsed.GetValue(demo),
            parsed.InvocationConfiguration,
            cancellationToken));
        return command;
    }

    private static IEnumerable<JsonObject> NamespaceRoles() =>
        NamespaceClusterRoles.For(new ControllerOptions()).Select(role => JsonNode.Parse(KubernetesJson.Serialize(role))!.AsObject());

    private static async Task<int> RunAsync(
        SandboxOptions options,
        string? kubeconfig,
        string[] apply,
        bool withOperator,
        bool demo,
        InvocationConfiguration console,
        CancellationToken cancellationToken)
    {
        SandboxServer sandbox;
        try
        {
            sandbox = await SandboxServer.StartAsync(options, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (IOException e) when (e.InnerException is Microsoft.AspNetCore.Connections.AddressInUseException)
        {
            console.Error.WriteLine(
                $"llmop sandbox: port {options.Port} is already in use on 127.0.0.1; choose another with --port, or --port 0 for a free one");
            return LlmopCommand.Failure;
        }

        await using var running = sandbox;
        // Absolute, so that the export line works when pasted into a shell in another folder.
        var path = Path.GetFullPath(kubeconfig ?? Path.Combine(Path.GetTempPath(), $"llmop-sandbox-{sandbox.Address.Port}.kubeconfig"));
        sandbox.WriteKubeconfig(path);
        console.Output.WriteLine($"sandbox API server listening on {sandbox.Address}");
        console.Output.WriteLine($"export KUBECONFIG={path}");
        try
        {
            // With the operator comes what its chart installs: the CRDs and the roles its evaluation Jobs and routers are bound to.
            var lines = withOperator
                ? [.. ManifestApplier.Apply(sandbox.Resources, EmbeddedCrds.Load()), .. ManifestApplier.Apply(sandbox.Resources, NamespaceRoles())]
                : (IReadOnlyList<string>)[];
            foreach (var line in lines.Concat(ManifestApplier.Apply(sandbox.Resources, apply)))
            {
                console.Output.WriteLine(line);
            }
        }
        catch (Exception e) when (e is InvalidDataException or FileNotFoundException)
        {
            console.Error.WriteLine($"llmop sandbox: --apply: {e.Message}");
            return LlmopCommand.Failure;
        }

        var embedded = withOperator ? OperatorCommand.Build(o => (o.Kubeconfig, o.HealthPort) = (path, 0), _ => { }, builder =>
        {
            // This command owns SIGTERM and the console: the operator's own logs would drown it, only its warnings are shown.
            builder.Services.AddSingleton<IHostLifetime, EmbeddedLifetime>();
            builder.Logging.SetMinimumLevel(LogLevel.Warning);
        }) : null;
        using var operatorApp = embedded;
        if (embedded is not null)
        {
            await embedded.StartAsync(cancellationToken).ConfigureAwait(false);
            console.Output.WriteLine("operator running against the sandbox");
        }

        using var termination = new TerminationSignal(cancellationToken);
        if (demo)
        {
            using var client = ClusterConfiguration.Connect(ClusterConfiguration.Load(path), "llmop");
            var show = new SandboxDemo(
                new ResourceClient<ModelDeployment>(client), new ResourceClient<EvaluationRun>(client), console.Output, TimeProvider.System);
            try
            {
                await show.RunAsync(termination.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (termination.Token.IsCancellationRequested)
            {
            }
        }

        console.Output.WriteLine("press Ctrl+C to stop");
        console.Output.Flush();
        try
        {
            await Task.Delay(Timeout.Infinite, termination.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }

        if (embedded is not null)
        {
            await embedded.StopAsync(CancellationToken.None).ConfigureAwait(false);
        }

        return LlmopCommand.Success;
    }
}
