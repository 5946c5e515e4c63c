using k8s.Models;
using LlmOperator.Api.V1Alpha1;
using LlmOperator.Controllers.Common;
using LlmOperator.Controllers.PromptVersions.Planning;
using LlmOperator.Kubernetes.Access;
using LlmOperator.Kubernetes.Events;
using LlmOperator.Kubernetes.Informers;
using LlmOperator.Kubernetes.Reconciling;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace LlmOperator.Controllers.PromptVersions;

/// <summary>
/// Reconciles one PromptVersion by planning its whole prompt (every version of its promptName decides
/// together: which is desired, which serves) from the caches, then doing this version's part only: its
/// runs, its status (a merge patch pinned to the resourceVersion read), its events, and the ConfigMap when
/// it is the version that serves. So each status has one writer, and a decision about a version is
/// written by that version's own reconcile, which a change of any version of the prompt triggers.
/// </summary>
internal sealed partial class PromptVersionReconciler(
    InformerCaches caches,
    IResourceClient<PromptVersion> versions,
    OwnedRuns runs,
    PromptPublisher publisher,
    IEventRecorder events,
    PromptMetrics metrics,
    IOptions<ControllerOptions> options,
    TimeProvider time,
    ILogger<PromptVersionReconciler> logger) : IReconciler<PromptVersion>
{
    /// <inheritdoc />
    public async Task<ReconcileResult> ReconcileAsync(ReconcileRequest<PromptVersion> request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Resource is not { } version || version.Metadata.DeletionTimestamp is not null)
        {
            // Its runs go with it; the other versions of its prompt decide again through their watch of it.
            return ReconcileResult.Done;
        }

        var plan = PromptPlanner.Plan(Observe(version));
        var mine = plan.Versions[version.Metadata.Name];
        await runs.ApplyAsync(version, mine.RunsToCreate, mine.RunsToDelete, cancellationToken).ConfigureAwait(false);

        // The status first: a version is Active before its ConfigMap says so, and a crash in between is
        // repaired by the next plan, which finds the ConfigMap behind the Active version.
        if (await versions.WriteStatusOrEndAsync(version, mine.Status, cancellationToken).ConfigureAwait(false) is { } ended)
        {
            return ended;
        }

        await RecordAsync(version, mine.Events, cancellationToken).ConfigureAwait(false);
        if (plan.Publication is { } publication && publication.Version == version.Metadata.Name)
        {
            try
            {
                await publisher.PublishAsync(publication, cancellationToken).ConfigureAwait(false);
            }
            catch (ConflictException)
            {
                // The ConfigMap changed since the cache saw it: decide again from the newer one.
                return ReconcileResult.AfterConflict;
            }

            await RecordAsync(
                version,
                [
                    PlannedEvent.Normal("PromptPublished",
                        $"ConfigMap {publication.ConfigMap.Metadata.Name} holds version {version.Spec.Version} " +
                            $"of prompt {version.Spec.PromptName} ({publication.Why})"),
                ],
                cancellationToken).ConfigureAwait(false);
        }

        if (mine.Status.Phase != version.Status?.Phase || mine.Status.Message != version.Status?.Message)
        {
            LogPhase(logger, request.Key, mine.Status.Phase, mine.Status.Message);
        }

        return ReconcileResult.Done;
    }

    private PromptInputs Observe(PromptVersion version)
    {
        var ns = version.Metadata.NamespaceProperty ?? "default";
        var prompt = version.Spec.PromptName;
        var group = caches.Of<PromptVersion>().List(ns).Where(p => p.Spec.PromptName == prompt).ToList();
        var owned = caches.Of<EvaluationRun>();
        return new PromptInputs
        {
            PromptName = prompt,
            Namespace = ns,
            Versions = group,
            Runs = group.ToDictionary(
                p => p.Metadata.Name,
                p => (IReadOnlyList<EvaluationRun>)[.. owned.ListOwnedBy(p.Metadata.Uid).Where(r => OwnerReferences.IsControlledBy(r, p))],
                StringComparer.Ordinal),
            Gates = caches.Of<EvaluationGate>().List(ns).ToDictionary(g => g.Metadata.Name, StringComparer.Ordinal),
            Models = caches.Of<ModelDeployment>().List(ns).ToDictionary(m => m.Metadata.Name, StringComparer.Ordinal),
            DependentRunsAtOnce = options.Value.MaxDependentEvaluations,
            Published = caches.Of<V1ConfigMap>(PromptVersionNames.PublishedSelector).Get(new ObjectKey(ns, PromptVersionNames.ConfigMap(prompt))),
            Now = time.GetUtcNow(),
        };
    }

    private async Task RecordAsync(PromptVersion version, IEnumerable<PlannedEvent> decisions, CancellationToken cancellationToken)
    {
        foreach (var decision in decisions)
        {
            await decision.RecordAsync(events, version, cancellationToken).ConfigureAwait(false);
            metrics.Decision(version.Metadata.NamespaceProperty ?? "", version.Spec.PromptName, decision.Reason);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "PromptVersion {Key}: {Phase}: {Message}")]
    private static partial void LogPhase(ILogger logger, ObjectKey key, PromptPhase? phase, string? message);
}
