using LlmOperator.Api.V1Alpha1;
using LlmOperator.Evaluation.Assertions;
using LlmOperator.Evaluation.Client;
using LlmOperator.Evaluation.Live;
using LlmOperator.Evaluation.Pipelines;
using LlmOperator.Evaluation.Reports;
using LlmOperator.Evaluation.Running;
using Microsoft.Extensions.Logging;

namespace LlmOperator.Evaluation.Jobs;

/// <summary>
/// <c>llmop eval --run ns/name</c>: runs one attempt of an EvaluationRun as its Job. It resolves the gate
/// snapshot (dataset ConfigMap, prompt versions, secrets), runs it, and reports through one write: the
/// run's results ConfigMap with the <see cref="EvaluationOutcome"/> and the per-case results. It never
/// writes the run itself; the EvaluationRun controller reads the outcome when the Job has ended. A run
/// that already has a final phase is left as it is, so a Job started again never judges twice. A gate
/// that cannot be run is an Error outcome with the reason.
/// </summary>
public sealed partial class EvaluationJob(
    IEvaluationRunStore store,
    EvaluationPlanBuilder planner,
    EvaluationRunner runner,
    TimeProvider time,
    ILogger<EvaluationJob> logger)
{
    private static readonly EvaluationPhase[] Final = [EvaluationPhase.Passed, EvaluationPhase.Failed, EvaluationPhase.Inconclusive];

    /// <summary>
    /// Runs attempt <paramref name="attempt"/> of the named EvaluationRun (by default the attempt its
    /// status records), reports its outcome, and returns its phase. It throws when the outcome cannot be
    /// reported: the Job then fails, and the controller counts the attempt as an Error.
    /// </summary>
    public async Task<EvaluationPhase> RunAsync(string name, int? attempt, CancellationToken cancellationToken)
    {
        var run = await store.GetRunAsync(name, cancellationToken).ConfigureAwait(false)
            ?? throw new EvaluationConfigurationException($"EvaluationRun \"{name}\" does not exist");
        if (run.Status?.Phase is { } phase && Final.Contains(phase))
        {
            LogAlreadyFinished(logger, name, phase);
            return phase;
        }

        var outcome = new EvaluationOutcome { Attempt = attempt ?? run.Status?.Attempts ?? 1, StartedAt = Now() };
        EvaluationReport? report = null;
        try
        {
            var plan = await planner.BuildAsync(await RequestAsync(run, cancellationToken).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
            report = await runner.RunAsync(plan, cancellationToken).ConfigureAwait(false);
            (outcome.Phase, outcome.Verdict, outcome.Summary, outcome.Comparison, outcome.Metrics) =
                (report.Verdict.Phase, report.Verdict.Reason, report.Verdict.Summary, report.Verdict.Comparison, report.Verdict.Metrics?.ToList());
        }
        catch (Exception e) when (e is EvaluationConfigurationException or AssertionConfigurationException)
        {
            (outcome.Phase, outcome.Verdict) = (EvaluationPhase.Error, $"Error: {e.Message}.");
            LogError(logger, name, outcome.Verdict);
        }

        outcome.CompletedAt = Now();
        await store.ApplyConfigMapAsync(ResultsConfigMap.Build(run, outcome, report), cancellationToken).ConfigureAwait(false);
        return outcome.Phase;
    }

    private async Task<PlanRequest> RequestAsync(EvaluationRun run, CancellationToken cancellationToken)
    {
        var spec = run.Spec;
        var sources = new ClusterPlanSources(store);
        var candidate = await EndpointAsync("candidate", spec.Candidate, sources, spec.Target.Revision, cancellationToken).ConfigureAwait(false);
        var baseline = spec.Baseline is { } b ? await EndpointAsync("baseline", b, sources, null, cancellationToken).ConfigureAwait(false) : null;
        var release = spec.ReleaseBaseline is { } kept ? await ReleaseAsync(kept, cancellationToken).ConfigureAwait(false) : null;
        var context = spec.Gate.Spec.Metrics is { Count: > 0 } ? await ContextAsync(run, cancellationToken).ConfigureAwait(false) : null;
        return new PlanRequest(
            run.Metadata.Name, spec.Gate.Name, spec.Gate.Spec, sources, candidate, baseline, null, spec.Seed, Release: release, Context: context);
    }

    // What the gate's metrics are measured for. The load goes to the main Service, which the ModelDeployment's status names.
    private async Task<MetricContext> ContextAsync(EvaluationRun run, CancellationToken cancellationToken)
    {
        var spec = run.Spec;
        var model = spec.Target.Kind == EvaluationTargetKind.ModelDeployment ? spec.Target.Name : null;
        var endpoint = model is not null && spec.Gate.Spec.Execution?.Load is not null
            ? (await store.GetModelDeploymentAsync(model, cancellationToken).ConfigureAwait(false))?.Status?.Endpoint
            : null;
        return new MetricContext(
            run.Metadata.NamespaceProperty ?? "default",
            run.Metadata.Name,
            model,
            spec.Candidate.Revision ?? spec.Target.Revision,
            spec.Baseline?.Revision,
            endpoint,
            spec.Candidate.Model);
    }

    // The results kept from the release. When they cannot be read nothing is paired, and the comparison says why
    // (Inconclusive: too few cases paired with "the release of revision X, whose results cannot be read: ...").
    private async Task<EndpointResults> ReleaseAsync(ReleaseBaselineReference release, CancellationToken cancellationToken)
    {
        var name = $"the release of revision {release.Revision}";
        var configMap = release.Results;
        try
        {
            var data = await store.GetConfigMapDataAsync(configMap.Name, cancellationToken).ConfigureAwait(false);
            return data is not null && data.TryGetValue(configMap.Key, out var json)
                ? CaseOutcomes.Read(json, EndpointResults.ReleaseRole, name)
                : new EndpointResults(
                    EndpointResults.ReleaseRole, "", $"{name}, whose results are not in ConfigMap {configMap.Name} (key {configMap.Key})", []);
        }
        catch (FormatException e)
        {
            return new EndpointResults(EndpointResults.ReleaseRole, "", $"{name}, whose results in ConfigMap {configMap.Name} cannot be read: {e.Message}", []);
        }
    }

    private static async Task<EndpointRequest> EndpointAsync(
        string role,
        RunEndpoint endpoint,
        ClusterPlanSources sources,
        string? targetRevision,
        CancellationToken cancellationToken)
    {
        ApiKey? apiKey = endpoint.ApiKeySecretRef is { } secret ? await sources.ReadSecretAsync(secret, cancellationToken).ConfigureAwait(false) : null;
        var revision = endpoint.Revision ?? targetRevision;
        var description = revision is null ? $"{endpoint.Model} at {endpoint.Url}" : $"revision {revision} ({endpoint.Model})";
        PipelineUnderTest? pipeline = null;
        if (endpoint.Pipeline is { } p)
        {
            var overrides = new Dictionary<string, ResolvedModel>(StringComparer.Ordinal);
            foreach (var (component, replaced) in p.Overrides ?? [])
            {
                var key = replaced.ApiKeySecretRef is { } s ? await sources.ReadSecretAsync(s, cancellationToken).ConfigureAwait(false) : null;
                overrides[component] = new ResolvedModel(replaced.Url, replaced.Model, key);
            }

            pipeline = new PipelineUnderTest(p.Name, p.Spec, overrides, p.PromptVersions ?? [], p.Inline ?? []);
            description = overrides.Count == 0
                ? $"pipeline {p.Name}"
                : $"pipeline {p.Name} with {string.Join(", ", overrides.Select(o => $"{o.Key} at {o.Value.Url}"))}";
        }

        return new EndpointRequest(role, endpoint.Url, endpoint.Model, apiKey, endpoint.Pricing, endpoint.PromptVersion, description, pipeline);
    }

    private DateTime Now() => time.GetUtcNow().UtcDateTime;

    [LoggerMessage(Level = LogLevel.Information, Message = "EvaluationRun {Run} already finished as {Phase}; nothing to do")]
    private static partial void LogAlreadyFinished(ILogger logger, string run, EvaluationPhase phase);

    [LoggerMessage(Level = LogLevel.Error, Message = "EvaluationRun {Run}: {Verdict}")]
    private static partial void LogError(ILogger logger, string run, string verdict);
}
