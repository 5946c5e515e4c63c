using System.CommandLine;
using LlmOperator.Controllers.Common;
using LlmOperator.Controllers.Hosting;
using LlmOperator.Evaluation.Gates.Status;
using LlmOperator.Kubernetes.Hosting;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace LlmOperator.Cli;

/// <summary>
/// <c>llmop operator</c>: runs the controllers against a cluster until SIGTERM, with /healthz and
/// /readyz on the health port and, when asked, leader election on a Lease.
/// </summary>
internal static class OperatorCommand
{
    /// <summary>The environment variable that names the operator's own image (the Helm chart sets it).</summary>
    public const string ImageVariable = "LLMOP_IMAGE";

    /// <summary>The command.</summary>
    public static Command Create()
    {
        var kubeconfig = new Option<string?>("--kubeconfig")
        {
            Description = "The kubeconfig to use (default: in-cluster, else $KUBECONFIG or ~/.kube/config).",
        };
        var namespaces = new Option<string[]>("--namespace")
        {
            Description = "A namespace to watch; repeat for several; none watches every namespace.",
            AllowMultipleArgumentsPerToken = false,
        };
        var leaderElect = new Option<bool>("--leader-elect") { Description = "Elect a leader on a Lease so that only one replica runs the controllers." };
        var healthPort = new Option<int>("--health-port") { Description = "The port of /healthz and /readyz.", DefaultValueFactory = _ => 8081 };
        var image = new Option<string>("--image")
        {
            Description = "The operator's own image, which evaluation Jobs and the mock engine run "
                + $"(default: ${ImageVariable}, else {ControllerOptions.DefaultImage}).",
            DefaultValueFactory = _ => Environment.GetEnvironmentVariable(ImageVariable) is { Length: > 0 } fromEnvironment
                ? fromEnvironment
                : ControllerOptions.DefaultImage,
        };
        var pullSecrets = new Option<string[]>("--image-pull-secret")
        {
            Description = "A Secret with registry credentials for the operator's image, which the pods that run it name (repeatable).",
            AllowMultipleArgumentsPerToken = false,
        };
        var evaluationRole = new Option<string>("--evaluation-cluster-role")
        {
            Description = "The ClusterRole (installed with the operator) that evaluation Jobs' service account is bound to in each namespace.",
            DefaultValueFactory = _ => new ControllerOptions().EvaluationClusterRole,
        };
        var routerRole = new Option<string>("--router-cluster-role")
        {
            Description = "The ClusterRole (installed with the operator) that pipeline routers' service account is bound to in each namespace.",
            DefaultValueFactory = _ => new ControllerOptions().RouterClusterRole,
        };
        var maxEvaluations = new Option<int>("--max-concurrent-evaluations")
        {
            Description = "How many evaluation Jobs may run at once, in every namespace together; other runs wait, Pending.",
            DefaultValueFactory = _ => ControllerOptions.DefaultMaxConcurrentEvaluations,
        };
        var maxDependents = new Option<int>("--max-dependent-evaluations")
        {
            Description = "How many runs of the pipelines built on one candidate may be under way at once; the others start as those finish.",
            DefaultValueFactory = _ => ControllerOptions.DefaultMaxDependentEvaluations,
        };
        var hub = new Option<string>("--adapter-hub-endpoint")
        {
            Description = "The Hugging Face Hub (or a mirror of it) the pods' adapter loaders fetch hf:// adapters at a pinned revision from "
                + "(their HF_ENDPOINT).",
            DefaultValueFactory = _ => ControllerOptions.DefaultAdapterHubEndpoint,
        };
        var command = new Command("operator", "Run the operator's controllers against a cluster.")
        {
            kubeconfig,
            namespaces,
            leaderElect,
            healthPort,
            image,
            pullSecrets,
            evaluationRole,
            routerRole,
            maxEvaluations,
            maxDependents,
            hub,
        };
        command.SetAction((parsed, cancellationToken) => RunAsync(
            options =>
            {
                options.Kubeconfig = parsed.GetValue(kubeconfig);
                foreach (var ns in parsed.GetValue(namespaces) ?? [])
                {
                    options.Namespaces.Add(ns);
                }

                options.LeaderElection.Enabled = parsed.GetValue(leaderElect);
                options.HealthPort = parsed.GetValue(healthPort);
            },
            controllers =>
            {
                controllers.OperatorImage = parsed.GetValue(image)!;
                foreach (var secret in parsed.GetValue(pullSecrets) ?? [])
                {
                    controllers.ImagePullSecrets.Add(secret);
                }

                controllers.EvaluationClusterRole = parsed.GetValue(evaluationRole)!;
                controllers.RouterClusterRole = parsed.GetValue(routerRole)!;
                controllers.MaxConcurrentEvaluations = parsed.GetValue(maxEvaluations);
                controllers.MaxDependentEvaluations = parsed.GetValue(maxDependents);
                controllers.AdapterHubEndpoint = parsed.GetValue(hub)!;
            },
            parsed.InvocationConfiguration,
            cancellationToken));
        return command;
    }

    /// <summary>The operator host with the LlmOperator controllers.</summary>
    public static IHost Build(
        Action<OperatorOptions> configure, Action<ControllerOptions> configureControllers, Action<HostApplicationBuilder>? customize = null)
    {
        var builder = OperatorHost.CreateBuilder(configure, operatorBuilder => operatorBuilder
            .AddLlmOperatorControllers(o =>
            {
                configureControllers(o);
                foreach (var (name, value) in OtlpSettings(Environment.GetEnvironmentVariables()))
                {
                    o.EvaluationEnvironment[name] = value;
                }
            })
            .AddEvaluationGateStatus());
        customize?.Invoke(builder);
        return builder.Build();
    }

    // Where the operator sends its telemetry, its evaluation Jobs send theirs; each names its own service.
    internal static IEnumerable<(string Name, string Value)> OtlpSettings(System.Collections.IDictionary environment) =>
        environment.Cast<System.Collections.DictionaryEntry>()
            .Select(e => (Name: (string)e.Key, Value: e.Value as string ?? ""))
            .Where(e => e.Value.Length > 0 && (e.Name.StartsWith("OTEL_EXPORTER_OTLP_", StringComparison.Ordinal) || e.Name == "OTEL_RESOURCE_ATTRIBUTES"));

    private static async Task<int> RunAsync(
        Action<OperatorOptions> configure,
        Action<ControllerOptions> configureControllers,
        InvocationConfiguration console,
        CancellationToken cancellationToken)
    {
        // Invalid settings are found when the host is built (its shutdown timeout and health port come from
        // them) or when it starts (the rest).
        IHost? app = null;
        try
        {
            app = Build(configure, configureControllers);
            await app.StartAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is OptionsValidationException or IOException)
        {
            app?.Dispose();

            // Invalid settings are the caller's to fix; a health port taken (by another replica on the node) is the machine's.
            console.Error.WriteLine($"llmop operator: {e.Message}");
            return e is OptionsValidationException ? LlmopCommand.UsageError : LlmopCommand.Failure;
        }

        using (app)
        {
            await app.WaitForShutdownAsync(cancellationToken).ConfigureAwait(false);
            return LlmopCommand.Success;
        }
    }
}
