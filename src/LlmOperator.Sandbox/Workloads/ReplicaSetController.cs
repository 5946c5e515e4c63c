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
/// Keeps each ReplicaSet's pods (named after it with a random suffix, controlled by it) at
/// spec.replicas, removing pods that are not ready and the newest first, and reports replicas,
/// fullyLabeledReplicas, readyReplicas, availableReplicas and observedGeneration. A pod the API server refuses is
/// a FailedCreate Warning event on the ReplicaSet, tried again when a service account appears.
/// </summary>
internal sealed class ReplicaSetController(ObjectStore store, ResourceService service, ControllerEvents events, ILogger<ReplicaSetController> logger)
    : SandboxController(store, logger)
{
    private const string Component = "replicaset-controller";
    private static readonly ResourceKey ReplicaSets = new("apps", "replicasets");
    private static readonly ResourceKey Pods = new("", "pods");
    private static readonly ResourceKey ServiceAccounts = new("", "serviceaccounts");
    private readonly ObjectStore _store = store;

    /// <inheritdoc />
    protected override void Handle(StoreEvent change)
    {
        ArgumentNullException.ThrowIfNull(change);
        if (change.Resource == ReplicaSets && change.Type != WatchEventType.Deleted)
        {
            Reconcile(change.Item.Namespace, change.Item.Name);
        }
        else if (change.Resource == ServiceAccounts && change.Type == WatchEventType.Added)
        {
            // A pod refused for a missing service account is tried again when one appears.
            foreach (var replicaSet in _store.List(ReplicaSets, change.Item.Namespace).Items)
            {
                Reconcile(replicaSet.Namespace, replicaSet.Name);
            }
        }
        else if (change.Resource == Pods && ControllerReferences.Uid(change.Item.ToJsonObject(), "ReplicaSet") is { } owner
            && _store.FindByUid(owner) is { } replicaSet)
        {
            Reconcile(replicaSet.Namespace, replicaSet.Name);
        }
    }

    private void Reconcile(string ns, string name)
    {
        if (_store.Get(ReplicaSets, ns, name) is not { IsTerminating: false } stored)
        {
            return;
        }

        var type = service.Registry.FindAnyVersion(ReplicaSets)!;
        var podType = service.Registry.FindAnyVersion(Pods)!;
        var replicaSet = stored.ToJsonObject();
        var desired = WorkloadFields.Replicas(replicaSet);
        ControllerAdoption.AdoptOrphans(service, Pods, replicaSet, type);
        var pods = ControllerReferences.Controlled(_store, stored, Pods, "ReplicaSet");

        for (var i = pods.Count; i < desired; i++)
        {
            try
            {
                var pod = service.Create(podType, ns, PodTemplates.NewPod(replicaSet, type, $"{name}-"), WriteOptions.Default);
                pods.Add(pod.Stored.ToJsonObject());
                events.Normal(replicaSet, Component, "SuccessfulCreate", $"Created pod: {pod.Stored.Name}");
            }
            catch (ApiException e) when (e.Code == 403)
            {
                events.Warning(replicaSet, Component, "FailedCreate", $"Error creating: {e.Message}");
                break;
            }
        }

        var extra = pods
            .OrderBy(PodConditions.IsReady)
            .ThenByDescending(p => p["metadata"]?["creationTimestamp"]?.ToString(), StringComparer.Ordinal)
            .Take(Math.Max(0, pods.Count - (int)desired))
            .ToList();
        foreach (var pod in extra)
        {
            var podName = WorkloadFields.Name(pod);
            try
            {
                service.Delete(podType, ns, podName, DeleteOptions.Default);
                events.Normal(replicaSet, Component, "SuccessfulDelete", $"Deleted pod: {podName}");
            }
            catch (ApiException e) when (e.Code == 404)
            {
            }

            pods.Remove(pod);
        }

        WriteStatus(type, ns, replicaSet, pods);
    }

    private void WriteStatus(ResourceType type, string ns, JsonObject replicaSet, List<JsonObject> pods)
    {
        var labels = replicaSet["spec"]?["template"]?["metadata"]?["labels"] as JsonObject ?? [];
        var fullyLabeled = pods.Count(p => labels.All(l => p["metadata"]?["labels"]?[l.Key]?.ToString() == l.Value?.ToString()));
        var ready = pods.Count(PodConditions.IsReady);
        var status = new JsonObject { ["replicas"] = pods.Count };
        if (fullyLabeled > 0)
        {
            status["fullyLabeledReplicas"] = fullyLabeled;
        }

        if (ready > 0)
        {
            status["readyReplicas"] = ready;
            status["availableReplicas"] = ready;
        }

        status["observedGeneration"] = WorkloadFields.Generation(replicaSet);
        if (JsonNode.DeepEquals(status, replicaSet["status"]))
        {
            // Unchanged: the write would store nothing, and most pod events leave the counts as they were.
            return;
        }

        service.Mutate(type, ns, WorkloadFields.Name(replicaSet), rs =>
        {
            rs["status"] = status;
            return rs;
        }, status: true, WriteOptions.Default);
    }
}
