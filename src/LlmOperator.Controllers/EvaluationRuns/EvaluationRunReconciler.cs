using System.Text.Json;
using k8s;
using k8s.Models;
using LlmOperator.Api.V1Alpha1;
using LlmOperator.Controllers.Common;
using LlmOperator.Kubernetes.Access;
using LlmOperator.Kubernetes.Events;
using LlmOperator.Kubernetes.Informers;
using LlmOperator.Kubernetes.Reconciling;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace LlmOperator.Controllers.EvaluationRuns;

/// <summary>
/// Reconciles an EvaluationRun by the <see cref="RunJobPlanner"/>'s plan, as the only writer of its
/// status: creates each attempt's Job (with the namespace's evaluation service account and its binding),
/// follows the Job, and when it has ended reads the outcome it reported in the run's results ConfigMap.
/// An attempt starts only while fewer evaluations than the operator's limit are in flight.
/// </summary>
internal sealed partial class EvaluationRunReconciler(
    InformerCaches caches,
    IResourceClient<EvaluationRun> runs,
    IResourceClient<V1Job> jobs,
    IResourceClient<V1ConfigMap> configMaps,
    IResourceClient<V1ServiceAccount> accounts,
    IResourceClient<V1RoleBinding> bindings,
    IEventRecorder events,
    EvaluationsInFlight inFlight,
    EvaluationRunMetrics metrics,
    IOptions<ControllerOptions> options,
    TimeProvider time,
    ILogger<EvaluationRunReconciler> logger) : IReconciler<EvaluationRun>
{
    /// <inheritdoc />
    public async Task<ReconcileResult> ReconcileAsync(ReconcileRequest<EvaluationRun> request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Resource is not { } run || run.Metadata.DeletionTimestamp is not null)
        {
            return ReconcileResult.Done;
        }

        var observed = caches.Of<V1Job>().ListOwnedBy(run.Metadata.Uid)
            .Where(j => OwnerReferences.IsControlledBy(j, run))
            .Select(Observe)
            .ToDictionary(j => j.Name, StringComparer.Ordinal);
        var inputs = new RunJobInputs
        {
            Run = run,
            Jobs = observed,
            Report = await ReadReportAsync(run, observed, cancellationToken).ConfigureAwait(false),
            Settings = EvaluationJobSettings.From(options.Value),
            Secrets = RunSecrets.Of(run, caches.Of<ModelDeployment>().List(run.Metadata.NamespaceProperty)),
            Now = time.GetUtcNow(),
        };
        var plan = inFlight.Admit(run, othersInFlight => RunJobPlanner.Plan(inputs with { OthersInFlight = othersInFlight }));

        // The attempt is recorded before its Job exists: an operator stopped in between finds the attempt
        // without its Job and makes it, instead of a Job whose attempt nobody counted.
        if (plan.Status is { } status)
        {
            if (await runs.WriteStatusOrEndAsync(run, status, cancellationToken).ConfigureAwait(false) is { } ended)
            {
                inFlight.Release(run);
                return ended;
            }

            if (EvaluationRunMetrics.Ends(run.Status, status))
            {
                metrics.Finished(run, status);
            }
        }

        if (plan.JobToCreate is { } job)
        {
            await EnsureServiceAccountAsync(run.Metadata.NamespaceProperty, cancellationToken).ConfigureAwait(false);
            OwnerReferences.SetController(job, run);
            if (await jobs.CreateIfMissingAsync(job, cancellationToken).ConfigureAwait(false))
            {
                LogJobCreated(logger, request.Key, job.Metadata.Name);
            }
        }

        if (plan.Warning is { } warning)
        {
            await warning.RecordAsync(events, run, cancellationToken).ConfigureAwait(false);
        }

        return plan.RequeueAfter is { } after ? ReconcileResult.RequeueAfter(after) : ReconcileResult.Done;
    }

    // Read once the current attempt's Job has ended, and before its status says so: the Job wrote its
    // report before it ended, so the read finds it, whatever the order in which the watches bring things.
    private async Task<JobReport?> ReadReportAsync(EvaluationRun run, IReadOnlyDictionary<string, JobObservation> observed, CancellationToken cancellationToken)
    {
        var status = run.Status;
        if (status?.Attempts is not { } attempt || status.Phase is not (EvaluationPhase.Pending or EvaluationPhase.Running)
            || observed.GetValueOrDefault(EvaluationJobs.Name(run, attempt)) is not { Finished: true })
        {
            return null;
        }

        var name = RunResults.ConfigMapName(run.Metadata.Name);
        var configMap = await configMaps.GetAsync(new ObjectKey(run.Metadata.NamespaceProperty, name), cancellationToken).ConfigureAwait(false);
        if (configMap?.Data is not { } data || !data.TryGetValue(RunResults.OutcomeKey, out var text))
        {
            return JobReport.None;
        }

        try
        {
            return new JobReport(KubernetesJson.Deserialize<EvaluationOutcome>(text), null);
        }
        catch (JsonException e)
        {
            return new JobReport(null, $"key {RunResults.OutcomeKey} of ConfigMap {name} is not an outcome: {e.Message}");
        }
    }

    private async Task EnsureServiceAccountAsync(string ns, CancellationToken cancellationToken)
    {
        await accounts.CreateIfMissingAsync(EvaluationJobs.Account(ns), cancellationToken).ConfigureAwait(false);
        await bindings.CreateIfMissingAsync(EvaluationJobs.Binding(ns, options.Value.EvaluationClusterRole), cancellationToken).ConfigureAwait(false);
    }

    private static JobObservation Observe(V1Job job)
    {
        var ended = (job.Status?.Conditions ?? []).FirstOrDefault(c => c.Status == "True" && c.Type is "Complete" or "Failed");
        var failed = ended?.Type == "Failed";
        return new JobObservation(job.Metadata.Name, job.Status?.StartTime, ended is not null, failed, failed ? ended!.Reason : null);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "EvaluationRun {Key}: created Job {Job}")]
    private static partial void LogJobCreated(ILogger logger, ObjectKey key, string job);
}
