using k8s;
using k8s.Models;
using LlmOperator.Api.V1Alpha1;
using LlmOperator.Controllers.Hosting;
using LlmOperator.Kubernetes.Access;
using LlmOperator.Kubernetes.Events;
using LlmOperator.Kubernetes.Informers;
using LlmOperator.Kubernetes.Reconciling;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace LlmOperator.Controllers.EvaluationRuns;

/// <summary>
/// Reconciles an EvaluationRun: runs it as Jobs by the <see cref="RunJobPlanner"/>'s plan. The Job
/// itself writes the verdict; this creates each attempt's Job (with the namespace's evaluation service
/// account and its binding), records a Job that ended without a verdict as Error, and retries; an
/// attempt starts only while fewer evaluations than the operator's limit are in flight.
/// </summary>
public sealed partial class EvaluationRunReconciler(
    InformerCaches caches,
    ResourceClient<EvaluationRun> runs,
    ResourceClient<V1Job> jobs,
    ResourceClient<V1ServiceAccount> accounts,
    ResourceClient<V1RoleBinding> bindings,
    IEventRecorder events,
    JobEndings endings,
    EvaluationsInFlight inFlight,
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
        var plan = inFlight.Admit(run, othersInFlight => RunJobPlanner.Plan(run, observed, time.GetUtcNow(), options.Value.EvaluationJob, othersInFlight));

        // The attempt is recorded before its Job exists: an operator stopped in between finds the attempt
        // without its Job and makes it, instead of a Job whose attempt nobody counted.
        if (plan.Status is { } status)
        {
            try
            {
                await runs.WriteStatusAsync(run, Merge(run, status), cancellationToken).ConfigureAwait(false);
            }
            catch (ConflictException)
            {
                // The Job wrote the run's status meanwhile: decide again from what it wrote.
                inFlight.Release(run);
                return ReconcileResult.AfterConflict;
            }
            catch (NotFoundException)
            {
                inFlight.Release(run);
                return ReconcileResult.Done;
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
            await events.RecordAsync(run, EventTypes.Warning, "EvaluationJobFailed", warning, cancellationToken).ConfigureAwait(false);
        }

        return plan.RequeueAfter is { } after ? ReconcileResult.RequeueAfter(after) : ReconcileResult.Done;
    }

    // The planner gives only the fields it decides; the rest of the status (the Job's own writes) stays.
    private static EvaluationRunStatus Merge(EvaluationRun run, EvaluationRunStatus update)
    {
        var merged = KubernetesJson.Deserialize<EvaluationRunStatus>(KubernetesJson.Serialize(run.Status ?? new EvaluationRunStatus()));
        merged.ObservedGeneration = run.Metadata.Generation;
        merged.Phase = update.Phase ?? merged.Phase;
        merged.Attempts = update.Attempts ?? merged.Attempts;
        merged.JobName = update.JobName ?? merged.JobName;
        merged.Verdict = update.Verdict;
        merged.CompletedAt = update.CompletedAt;
        if (update.Phase == EvaluationPhase.Pending)
        {
            // A new attempt starts clean: the last attempt's results no longer describe the run.
            merged.Summary = null;
            merged.Comparison = null;
            merged.StartedAt = null;
        }

        return merged;
    }

    private async Task EnsureServiceAccountAsync(string ns, CancellationToken cancellationToken)
    {
        await accounts.CreateIfMissingAsync(EvaluationJobs.Account(ns), cancellationToken).ConfigureAwait(false);
        await bindings.CreateIfMissingAsync(EvaluationJobs.Binding(ns, options.Value.EvaluationClusterRole), cancellationToken).ConfigureAwait(false);
    }

    private JobObservation Observe(V1Job job)
    {
        var conditions = job.Status?.Conditions ?? [];
        var ended = conditions.FirstOrDefault(c => c.Status == "True" && c.Type is "Complete" or "Failed");
        DateTimeOffset? finishedAt = ended is null ? null : endings.FirstSeen(job.Metadata.Uid);
        return new JobObservation(job.Metadata.Name, ended is not null, ended?.Type == "Failed", ended?.Type == "Failed" ? ended.Reason : null, finishedAt);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "EvaluationRun {Key}: created Job {Job}")]
    private static partial void LogJobCreated(ILogger logger, ObjectKey key, string job);
}
