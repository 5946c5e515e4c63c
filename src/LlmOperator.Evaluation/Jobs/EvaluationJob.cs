using LlmOperator.Api.V1Alpha1;
using LlmOperator.Evaluation.Assertions;
using LlmOperator.Evaluation.Client;
using LlmOperator.Evaluation.Running;
using Microsoft.Extensions.Logging;

namespace LlmOperator.Evaluation.Jobs;

/// <summary>
/// <c>llmop eval --run ns/name</c>: runs an EvaluationRun as its Job. It marks the run Running, resolves
/// the gate snapshot (dataset ConfigMap, prompt versions, secrets), runs it, writes the results ConfigMap
/// and then the verdict to the run's status. A run that already has a final phase is left as it is, so a
/// restarted Job never judges twice. Anything that stops the run becomes phase Error with the reason.
/// </summary>
public sealed partial class EvaluationJob(IEvaluationRunStore store, PlanBuilder planner, EvaluationRunner runner, TimeProvider time, ILogger<EvaluationJob> logger)
{
    private static readonly EvaluationPhase[] Final = [EvaluationPhase.Passed, EvaluationPhase.Failed, EvaluationPhase.Inconclusive, EvaluationPhase.Error];

    /// <summary>Runs the named EvaluationRun and returns its final phase.</summary>
    public async Task<EvaluationPhase> RunAsync(string name, CancellationToken cancellationToken)
    {
        var run = await store.GetRunAsync(name, cancellationToken).ConfigureAwait(false)
            ?? throw new EvaluationConfigurationException($"EvaluationRun \"{name}\" does not exist");
        if (run.Status?.Phase is { } phase && Final.Contains(phase))
        {
            LogAlreadyFinished(logger, name, phase);
            return phase;
        }

        await store.PatchRunStatusAsync(name, RunStatusPatch.Running(run, Now()), cancellationToken).ConfigureAwait(false);
        EvaluationReport report;
        try
        {
            var plan = await planner.BuildAsync(await RequestAsync(run, cancellationToken).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
            report = await runner.RunAsync(plan, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is EvaluationConfigurationException or AssertionConfigurationException)
        {
            var verdict = $"Error: {e.Message}.";
            LogError(logger, name, verdict);
            await store.PatchRunStatusAsync(name, RunStatusPatch.Finished(run, EvaluationPhase.Error, verdict, null, null, null, Now()), cancellationToken).ConfigureAwait(false);
            return EvaluationPhase.Error;
        }

        var resultsRef = await WriteResultsAsync(run, report, cancellationToken).ConfigureAwait(false);
        var outcome = report.Verdict;
        await store.PatchRunStatusAsync(name, RunStatusPatch.Finished(run, outcome.Phase, outcome.Reason, outcome.Summary, outcome.Comparison, resultsRef, Now()), cancellationToken).ConfigureAwait(false);
        return outcome.Phase;
    }

    // The verdict matters more than the per-case detail: a results ConfigMap that cannot be written is
    // logged and left out of the status, and the verdict is still recorded.
    private async Task<ConfigMapKeyReference?> WriteResultsAsync(EvaluationRun run, EvaluationReport report, CancellationToken cancellationToken)
    {
        var results = ResultsConfigMap.Build(run, report);
        try
        {
            await store.ApplyConfigMapAsync(results, cancellationToken).ConfigureAwait(false);
            return new ConfigMapKeyReference { Name = results.Metadata.Name, Key = ResultsConfigMap.Key };
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogResultsNotWritten(logger, run.Metadata.Name, results.Metadata.Name, e.Message);
            return null;
        }
    }

    private async Task<PlanRequest> RequestAsync(EvaluationRun run, CancellationToken cancellationToken)
    {
        var spec = run.Spec;
        var sources = new ClusterPlanSources(store);
        var candidate = await EndpointAsync("candidate", spec.Candidate, sources, spec.Target.Revision, cancellationToken).ConfigureAwait(false);
        var baseline = spec.Baseline is { } b ? await EndpointAsync("baseline", b, sources, null, cancellationToken).ConfigureAwait(false) : null;
        return new PlanRequest(run.Metadata.Name, spec.Gate.Name, spec.Gate.Spec, sources, candidate, baseline, null, spec.Seed);
    }

    private static async Task<EndpointRequest> EndpointAsync(string role, RunEndpoint endpoint, ClusterPlanSources sources, string? targetRevision, CancellationToken cancellationToken)
    {
        ApiKey? apiKey = endpoint.ApiKeySecretRef is { } secret ? await sources.ReadSecretAsync(secret, cancellationToken).ConfigureAwait(false) : null;
        var revision = endpoint.Revision ?? targetRevision;
        var description = revision is null ? $"{endpoint.Model} at {endpoint.Url}" : $"revision {revision} ({endpoint.Model})";
        return new EndpointRequest(role, endpoint.Url, endpoint.Model, apiKey, endpoint.Pricing, endpoint.PromptVersion, description);
    }

    private DateTime Now() => time.GetUtcNow().UtcDateTime;

    [LoggerMessage(Level = LogLevel.Information, Message = "EvaluationRun {Run} already finished as {Phase}; nothing to do")]
    private static partial void LogAlreadyFinished(ILogger logger, string run, EvaluationPhase phase);

    [LoggerMessage(Level = LogLevel.Error, Message = "EvaluationRun {Run}: the results ConfigMap {ConfigMap} could not be written: {Problem}")]
    private static partial void LogResultsNotWritten(ILogger logger, string run, string configMap, string problem);

    [LoggerMessage(Level = LogLevel.Error, Message = "EvaluationRun {Run}: {Verdict}")]
    private static partial void LogError(ILogger logger, string run, string verdict);
}
