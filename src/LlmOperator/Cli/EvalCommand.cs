using System.CommandLine;
using LlmOperator.Api.V1Alpha1;
using LlmOperator.Evaluation;
using LlmOperator.Evaluation.Assertions;
using LlmOperator.Evaluation.Client;
using LlmOperator.Evaluation.Gates;
using LlmOperator.Evaluation.Jobs;
using LlmOperator.Evaluation.Pipelines;
using LlmOperator.Evaluation.Running;
using LlmOperator.Evaluation.Telemetry;
using LlmOperator.Kubernetes.Access;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace LlmOperator.Cli;

/// <summary>
/// <c>llmop eval</c>: judges a model endpoint with a gate, on a laptop or in CI (<c>--config</c>), or as an
/// EvaluationRun's Job (<c>--run ns/name</c>). Exit code 0 passed, 100 failed, 2 inconclusive, 1 error;
/// a dry-run gate exits 0 unless the run errs. With --run the outcome is reported in the run's results
/// ConfigMap, so any outcome reported (an Error too) exits 0: a Failed Job always means it could not report.
/// </summary>
internal static class EvalCommand
{
    public const int Failed = 100;
    public const int Inconclusive = 2;
    public const int Error = 1;

    public static Command Create()
    {
        var options = new EvalOptions();
        var command = new Command("eval", "Evaluate a model endpoint with an EvaluationGate, or run an EvaluationRun as its Job.");
        foreach (var option in options.All)
        {
            command.Options.Add(option);
        }

        command.SetAction(async (parsed, cancellationToken) =>
        {
            EvalArguments arguments;
            try
            {
                arguments = options.Read(parsed);
            }
            catch (ArgumentException e)
            {
                return await UsageAsync(parsed.InvocationConfiguration, e.Message).ConfigureAwait(false);
            }

            return await RunAsync(arguments, parsed.InvocationConfiguration, cancellationToken).ConfigureAwait(false);
        });
        return command;
    }

    private static async Task<int> RunAsync(EvalArguments arguments, InvocationConfiguration console, CancellationToken cancellationToken)
    {
        if ((arguments.Run is null) == (arguments.Configs.Count == 0))
        {
            return await UsageAsync(console, "give either --run NS/NAME or --config GATE.yaml with --endpoint URL").ConfigureAwait(false);
        }

        if (arguments.Run is null && (arguments.Endpoint is null) == (arguments.Pipeline is null))
        {
            return await UsageAsync(console, "--config needs either --endpoint URL, the OpenAI base URL of the model to evaluate, or --pipeline FILE")
                .ConfigureAwait(false);
        }

        if (arguments.Pipeline is null && (arguments.Overrides.Count > 0 || arguments.BaselineOverrides.Count > 0))
        {
            return await UsageAsync(console, "--override and --baseline-override replace a pipeline's components: give --pipeline FILE").ConfigureAwait(false);
        }

        if (arguments.Baseline is not null && arguments.BaselineOverrides.Count > 0)
        {
            return await UsageAsync(console, "compare with either --baseline URL or --baseline-override NAME=URL, not both").ConfigureAwait(false);
        }

        using var telemetry = TelemetryExport.StartIfConfigured("llmop-eval");
        var services = new ServiceCollection()
            .AddLogging(logging => logging
                .AddSimpleConsole(o => o.SingleLine = true)
                .SetMinimumLevel(arguments.Verbose ? LogLevel.Information : LogLevel.Warning)
                .AddFilter("System.Net.Http", LogLevel.Warning))
            .AddLlmEvaluation();
        await using var provider = services.BuildServiceProvider();
        try
        {
            _ = provider.GetRequiredService<IOptions<EvaluationOptions>>().Value;
            StartupTrace.Mark("services built");
            return arguments.Run is { } run
                ? await RunJobAsync(provider, run, arguments.Attempt, arguments.Kubeconfig, console, cancellationToken).ConfigureAwait(false)
                : await RunConfigAsync(provider, arguments, console, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is EvaluationConfigurationException or AssertionConfigurationException or ModelCallException
            or OptionsValidationException or ArgumentException)
        {
            await console.Error.WriteLineAsync($"llmop eval: {e.Message}").ConfigureAwait(false);
            return Error;
        }
    }

    private static async Task<int> RunConfigAsync(
        ServiceProvider provider, EvalArguments arguments, InvocationConfiguration console, CancellationToken cancellationToken)
    {
        var files = GateFiles.Load(arguments.Pipeline is { } file ? [.. arguments.Configs, file] : arguments.Configs, arguments.Gate, arguments.Providers);
        var apiKey = ApiKey.FromEnvironment(arguments.ApiKeyEnvironment);
        var (candidate, baseline) = arguments.Pipeline is null ? Endpoints(arguments, apiKey) : PipelineEndpoints(arguments, files, apiKey);
        var grader = arguments.Grader is { } graderUrl ? new ModelEndpointReference { Url = graderUrl } : null;
        var gateName = files.Gate.Metadata.Name ?? "gate";
        var request = new PlanRequest(gateName, gateName, files.Gate.Spec, files, candidate, baseline, grader, arguments.Seed, arguments.Dataset);
        var plan = await provider.GetRequiredService<EvaluationPlanBuilder>().BuildAsync(request, cancellationToken).ConfigureAwait(false);
        StartupTrace.Mark("plan built");
        var report = await provider.GetRequiredService<EvaluationRunner>().RunAsync(plan, cancellationToken).ConfigureAwait(false);
        StartupTrace.Mark("cases run");
        await EvalOutputs.WriteAsync(report, arguments, console, cancellationToken).ConfigureAwait(false);
        StartupTrace.Mark("reports written");
        var phase = report.Verdict.Phase;
        return report.DryRun && phase != EvaluationPhase.Error ? LlmopCommand.Success : ExitCode(phase);
    }

    private static (EndpointRequest Candidate, EndpointRequest? Baseline) Endpoints(EvalArguments arguments, ApiKey? apiKey) =>
    (
        new EndpointRequest("candidate", arguments.Endpoint!, arguments.Model, apiKey, PromptVersion: arguments.PromptVersion),
        arguments.Baseline is { } url
            ? new EndpointRequest("baseline", url, arguments.BaselineModel, apiKey, PromptVersion: arguments.BaselinePromptVersion)
            : null
    );

    // The pipeline runs here on both sides when --baseline-override is given: the same cases, only the overridden components differ.
    private static (EndpointRequest Candidate, EndpointRequest? Baseline) PipelineEndpoints(EvalArguments arguments, GateFiles files, ApiKey? apiKey)
    {
        var pipelines = files.Models.Where(m => m.Spec.Pipeline is not null).ToList();
        var pipeline = pipelines.Count == 1
            ? pipelines[0]
            : throw new EvaluationConfigurationException(pipelines.Count == 0
                ? $"{arguments.Pipeline} holds no ModelDeployment with engine pipeline"
                : $"the files hold {pipelines.Count} pipelines ({string.Join(", ", pipelines.Select(p => p.Metadata.Name))}); give one per run");
        var name = pipeline.Metadata.Name ?? "pipeline";
        var candidate = new EndpointRequest(
            "candidate",
            $"pipeline:{name}",
            name,
            apiKey,
            PromptVersion: arguments.PromptVersion,
            Pipeline: new PipelineUnderTest(
                name, pipeline.Spec.Pipeline!, Resolved(arguments.Overrides), new Dictionary<string, int>(), new Dictionary<string, PipelineSpec>()));
        if (arguments.BaselineOverrides.Count == 0)
        {
            return (candidate, Endpoints(arguments, apiKey).Baseline);
        }

        var overrides = Resolved(arguments.Overrides);
        foreach (var (component, url) in arguments.BaselineOverrides)
        {
            overrides[component] = new ResolvedModel(url, null, null);
        }

        var baseline = candidate with
        {
            Role = "baseline",
            PromptVersion = arguments.BaselinePromptVersion,
            Pipeline = candidate.Pipeline! with { Overrides = overrides },
        };
        return (candidate, baseline);
    }

    // A URL given on the command line: the model is the first the endpoint lists.
    private static Dictionary<string, ResolvedModel> Resolved(IReadOnlyDictionary<string, string> urls) =>
        urls.ToDictionary(u => u.Key, u => new ResolvedModel(u.Value, null, null), StringComparer.Ordinal);

    private static async Task<int> RunJobAsync(
        ServiceProvider provider,
        string run,
        int? attempt,
        string? kubeconfig,
        InvocationConfiguration console,
        CancellationToken cancellationToken)
    {
        var slash = run.IndexOf('/', StringComparison.Ordinal);
        if (slash <= 0 || slash == run.Length - 1)
        {
            return await UsageAsync(console, $"--run needs NAMESPACE/NAME, not \"{run}\"").ConfigureAwait(false);
        }

        var config = ClusterConfiguration.Load(kubeconfig);
        using var client = ClusterConfiguration.Connect(config, "llmop-eval");
        var job = new EvaluationJob(
            new KubernetesEvaluationRunStore(client, run[..slash]),
            provider.GetRequiredService<EvaluationPlanBuilder>(),
            provider.GetRequiredService<EvaluationRunner>(),
            provider.GetRequiredService<TimeProvider>(),
            provider.GetRequiredService<ILogger<EvaluationJob>>());
        try
        {
            var phase = await job.RunAsync(run[(slash + 1)..], attempt, cancellationToken).ConfigureAwait(false);
            await console.Output.WriteLineAsync($"EvaluationRun {run}: {phase}").ConfigureAwait(false);
            return LlmopCommand.Success;
        }
        catch (KubernetesApiException e)
        {
            await console.Error.WriteLineAsync($"llmop eval: the Kubernetes API answered {(int)e.StatusCode}: {e.Message}").ConfigureAwait(false);
            return Error;
        }
    }

    private static int ExitCode(EvaluationPhase phase) => phase switch
    {
        EvaluationPhase.Passed => LlmopCommand.Success,
        EvaluationPhase.Failed => Failed,
        EvaluationPhase.Inconclusive => Inconclusive,
        _ => Error,
    };

    // A usage problem found after parsing exits 1, not 2: for eval, 2 means Inconclusive.
    private static async Task<int> UsageAsync(InvocationConfiguration console, string message)
    {
        await console.Error.WriteLineAsync($"llmop eval: {message}").ConfigureAwait(false);
        return Error;
    }
}
