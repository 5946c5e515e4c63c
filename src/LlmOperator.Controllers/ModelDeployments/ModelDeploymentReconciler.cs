using k8s.Models;
using LlmOperator.Api.V1Alpha1;
using LlmOperator.Controllers.Common;
using LlmOperator.Controllers.Engines;
using LlmOperator.Controllers.ModelDeployments.Adapters;
using LlmOperator.Controllers.ModelDeployments.Pipelines;
using LlmOperator.Controllers.ModelDeployments.Planning;
using LlmOperator.Controllers.ModelDeployments.Releases;
using LlmOperator.Kubernetes.Access;
using LlmOperator.Kubernetes.Events;
using LlmOperator.Kubernetes.Informers;
using LlmOperator.Kubernetes.Reconciling;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace LlmOperator.Controllers.ModelDeployments;

/// <summary>
/// Reconciles a ModelDeployment: observes it and what it owns from the caches, asks the
/// <see cref="RolloutPlanner"/> what to do, and does it — serving objects first, then EvaluationRuns, then
/// its pods' adapters readiness gates, then the adapter loads and unloads on its pods (recorded on the pods),
/// then the status (a merge patch pinned to the resourceVersion the plan was made from), then the events. A
/// conflict means the object changed while planning (llmop promote, say): the plan is dropped and made again
/// from the newer object.
/// </summary>
internal sealed partial class ModelDeploymentReconciler(
    InformerCaches caches,
    IResourceClient<ModelDeployment> models,
    OwnedRuns runs,
    ServingObjects serving,
    ReleaseRecorder releases,
    PodAdapters adapters,
    PodReadinessGates gates,
    IEventRecorder events,
    RolloutMetrics metrics,
    PipelineCallers callers,
    IOptions<ControllerOptions> options,
    TimeProvider time,
    ILogger<ModelDeploymentReconciler> logger) : IReconciler<ModelDeployment>
{
    /// <inheritdoc />
    public async Task<ReconcileResult> ReconcileAsync(ReconcileRequest<ModelDeployment> request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Resource is not { } model || model.Metadata.DeletionTimestamp is not null)
        {
            // What it owns goes with it through owner references.
            metrics.Forget(request.Key.Namespace ?? "", request.Key.Name);
            return ReconcileResult.Done;
        }

        var uid = model.Metadata.Uid;
        var owned = new ServingChildren(
            [.. caches.Of<V1Deployment>().ListOwnedBy(uid).Where(d => OwnerReferences.IsControlledBy(d, model))],
            [.. caches.Of<V1Service>().ListOwnedBy(uid).Where(s => OwnerReferences.IsControlledBy(s, model))]);
        var inputs = Observe(model, owned);
        var plan = RolloutPlanner.Plan(inputs);

        await serving.ApplyAsync(model, inputs, plan, owned, cancellationToken).ConfigureAwait(false);
        await runs.ApplyAsync(model, plan.RunsToCreate, plan.RunsToDelete, cancellationToken).ConfigureAwait(false);
        // Gates first: they are pinned to the pods as read, which recording the loads changes.
        await gates.ApplyAsync(model, plan.AdapterGates, cancellationToken).ConfigureAwait(false);
        await adapters.ApplyAsync(model, plan.AdapterActions, cancellationToken).ConfigureAwait(false);
        if (plan.RecordRelease is { } release)
        {
            // Its status follows from the ConfigMap on the next reconcile, which the ConfigMap's watch brings.
            await releases.RecordAsync(model, release, cancellationToken).ConfigureAwait(false);
        }

        if (await models.WriteStatusOrEndAsync(model, plan.Status, cancellationToken).ConfigureAwait(false) is { } ended)
        {
            return ended;
        }

        foreach (var decision in plan.Events)
        {
            await decision.RecordAsync(events, model, cancellationToken).ConfigureAwait(false);
            metrics.Decision(request.Key.Namespace ?? "", request.Key.Name, decision.Reason);
        }

        metrics.Observe(request.Key.Namespace ?? "", request.Key.Name, plan.Status);
        if (plan.Status.Phase != model.Status?.Phase || plan.Status.Message != model.Status?.Message)
        {
            LogPhase(logger, request.Key, plan.Status.Phase, plan.Status.Message);
        }

        return plan.RequeueAfter is { } after ? ReconcileResult.RequeueAfter(after) : ReconcileResult.Done;
    }

    private RolloutInputs Observe(ModelDeployment model, ServingChildren owned)
    {
        var ns = model.Metadata.NamespaceProperty;
        var revision = Revision.Of(model.Spec);
        var revisions = owned.Deployments
            .Select(d => (Revision: ModelDeploymentNames.Label(d, WellKnownLabels.Revision), Deployment: d))
            .Where(d => d.Revision is not null)
            .ToDictionary(
                d => d.Revision!,
                d => new RevisionState(d.Revision!, d.Deployment.Spec?.Replicas ?? 0, d.Deployment.Status?.ReadyReplicas ?? 0),
                StringComparer.Ordinal);
        var pipeline = model.Spec.Pipeline is null
            ? null
            : PipelineResolver.Resolve(model, revision, name => caches.Of<ModelDeployment>().Get(new ObjectKey(ns, name)));
        return new RolloutInputs
        {
            Model = model,
            Revision = revision,
            Profile = EngineProfiles.Resolve(
                model.Spec,
                options.Value.OperatorImage,
                ModelDeploymentNames.RouterConfig(model.Metadata.Name, revision),
                pipeline?.Keys,
                [.. options.Value.ImagePullSecrets],
                options.Value.AdapterHubEndpoint),
            Revisions = revisions,
            Pods = [.. caches.Of<V1Pod>(ServerPod.Selector).ListIndexed(CacheIndexes.PodsByModel, ObjectKey.Of(model))
                .OrderBy(p => p.Metadata.Name, StringComparer.Ordinal)
                .Select(ServerPod.Of)],
            Runs = caches.Of<EvaluationRun>().ListOwnedBy(model.Metadata.Uid)
                .Where(r => OwnerReferences.IsControlledBy(r, model))
                .ToDictionary(r => r.Metadata.Name, StringComparer.Ordinal),
            Gates = caches.Of<EvaluationGate>().List(ns).ToDictionary(g => g.Metadata.Name, StringComparer.Ordinal),
            ActivePromptVersions = ActivePromptVersions.ByPrompt(caches.Of<PromptVersion>().List(ns)),
            Release = KeptRelease.Of(caches.Of<V1ConfigMap>(ModelDeploymentNames.ReleaseSelector)
                .Get(new ObjectKey(ns, ModelDeploymentNames.ReleaseConfigMap(model.Metadata.Name)))),
            Dependents = Dependent.Of(model, callers.Reaching(model).Select(k => caches.Of<ModelDeployment>().Get(k)).OfType<ModelDeployment>()),
            DependentRunsAtOnce = options.Value.MaxDependentEvaluations,
            Pipeline = pipeline,
            Fallback = model.Spec.Fallback is { } fallback ? caches.Of<ModelDeployment>().Get(new ObjectKey(ns, fallback.ModelRef.Name)) : null,
            RolloutServicesExist = owned.Services.Any(s => s.Metadata.Name == ModelDeploymentNames.StableService(model.Metadata.Name)
                || s.Metadata.Name == ModelDeploymentNames.CanaryService(model.Metadata.Name)),
            StableAddressedElsewhere = StableAddressedElsewhere(model),
            Now = time.GetUtcNow(),
        };
    }

    // A PromptVersion is evaluated on the stable Service of its model, and a drifted model's fallback is judged on
    // the fallback's; both watches reconcile the model they name, so its stable Service is there before their runs.
    private bool StableAddressedElsewhere(ModelDeployment model)
    {
        var key = ObjectKey.Of(model);
        return caches.Of<PromptVersion>().ListIndexed(CacheIndexes.ByModel, key).Count > 0
            || caches.Of<ModelDeployment>().ListIndexed(CacheIndexes.ByFallback, key).Count > 0;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "ModelDeployment {Key}: {Phase}: {Message}")]
    private static partial void LogPhase(ILogger logger, ObjectKey key, RolloutPhase? phase, string? message);
}
