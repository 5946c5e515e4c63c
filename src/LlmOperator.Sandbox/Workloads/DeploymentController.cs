using System.Text.Json.Nodes;
using LlmOperator.Sandbox.Api;
using LlmOperator.Sandbox.Controllers;
using LlmOperator.Sandbox.Resources;
using LlmOperator.Sandbox.Server;
using LlmOperator.Sandbox.Storage;
using LlmOperator.Sandbox.Workloads.Rollouts;
using Microsoft.Extensions.Logging;

namespace LlmOperator.Sandbox.Workloads;

/// <summary>
/// Rolls each Deployment out through ReplicaSets, one per pod template, as kube-controller-manager
/// does: <see cref="RolloutPlanner"/> decides, this controller creates, scales and prunes the
/// ReplicaSets, records the ScalingReplicaSet events, keeps the Deployment's revision annotation and
/// writes its status. The ReplicaSets' pods are the <see cref="ReplicaSetController"/>'s.
/// </summary>
internal sealed class DeploymentController(
    ObjectStore store,
    ResourceService service,
    ControllerEvents events,
    TimeProvider time,
    ILogger<DeploymentController> logger)
    : SandboxController(store, logger)
{
    private const string Component = "deployment-controller";
    private static readonly ResourceKey Deployments = new("apps", "deployments");
    private static readonly ResourceKey ReplicaSets = new("apps", "replicasets");
    private readonly ObjectStore _store = store;

    /// <inheritdoc />
    protected override void Handle(StoreEvent change)
    {
        ArgumentNullException.ThrowIfNull(change);
        if (change.Resource == Deployments && change.Type != WatchEventType.Deleted)
        {
            Reconcile(change.Item.Namespace, change.Item.Name);
        }
        else if (change.Resource == ReplicaSets && ControllerReferences.Uid(change.Item.ToJsonObject(), "Deployment") is { } owner
            && _store.FindByUid(owner) is { } deployment)
        {
            Reconcile(deployment.Namespace, deployment.Name);
        }
    }

    private void Reconcile(string ns, string name)
    {
        if (_store.Get(Deployments, ns, name) is not { IsTerminating: false } stored)
        {
            return;
        }

        var type = service.Registry.FindAnyVersion(Deployments)!;
        var replicaSetType = service.Registry.FindAnyVersion(ReplicaSets)!;
        var deployment = stored.ToJsonObject();
        ControllerAdoption.AdoptOrphans(service, ReplicaSets, deployment, type);
        var replicaSets = ControllerReferences.Controlled(_store, stored, ReplicaSets, "Deployment");
        var plan = RolloutPlanner.Plan(deployment, replicaSets);

        if (plan.Created is { } created)
        {
            service.Create(replicaSetType, ns, created, WriteOptions.Default);
        }

        foreach (var changed in plan.Changed)
        {
            service.Mutate(replicaSetType, ns, WorkloadFields.Name(changed), rs =>
            {
                rs["spec"]!["replicas"] = changed["spec"]!["replicas"]!.DeepClone();
                rs["metadata"]!["annotations"] = changed["metadata"]!["annotations"]!.DeepClone();
                return rs;
            }, status: false, WriteOptions.Default);
        }

        plan.Pruned.ToList().ForEach(pruned => DeleteQuietly(replicaSetType, ns, pruned));
        plan.Scalings.ToList().ForEach(message => events.Normal(deployment, Component, "ScalingReplicaSet", message));
        if (plan.Revision is { } revision && WorkloadFields.Annotation(deployment, DeploymentAnnotations.Revision) != revision)
        {
            service.Mutate(type, ns, name, d =>
            {
                WorkloadFields.Annotations(d)[DeploymentAnnotations.Revision] = revision;
                return d;
            }, status: false, WriteOptions.Default);
        }

        var status = DeploymentStatusCalculator.Next(deployment, plan, ObjectMeta.Timestamp(time.GetUtcNow()));
        if (JsonNode.DeepEquals(status, deployment["status"]))
        {
            // The write would change nothing (and store nothing); most reconciles, the ones its own status write starts, end here.
            return;
        }

        service.Mutate(type, ns, name, d =>
        {
            d["status"] = status.DeepClone();
            return d;
        }, status: true, WriteOptions.Default);
    }

    private void DeleteQuietly(ResourceType type, string ns, string name)
    {
        try
        {
            service.Delete(type, ns, name, DeleteOptions.Default);
        }
        catch (ApiException e) when (e.Code == 404)
        {
        }
    }
}
