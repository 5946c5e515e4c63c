using System.Text.Json.Nodes;
using LlmOperator.Api.Json;
using LlmOperator.Sandbox.Api;
using LlmOperator.Sandbox.Controllers;
using LlmOperator.Sandbox.Resources;
using LlmOperator.Sandbox.Server;
using LlmOperator.Sandbox.Storage;
using Microsoft.Extensions.Logging;

namespace LlmOperator.Sandbox.Workloads;

/// <summary>
/// Keeps each Deployment's pods at spec.replicas for its current pod template, replaces pods of older
/// templates once the new ones are ready, and reports replicas, readiness and the Available and
/// Progressing conditions. Pods are owned by the Deployment directly (no ReplicaSets), so a pod the API server
/// refuses is a FailedCreate Event on the Deployment, tried again when a service account appears.
/// </summary>
internal sealed class DeploymentController(ObjectStore store, ResourceService service, TimeProvider time, ILogger<DeploymentController> logger)
    : SandboxController(store, logger)
{
    private static readonly ResourceKey Deployments = new("apps", "deployments");
    private static readonly ResourceKey Pods = new("", "pods");
    private static readonly ResourceKey ServiceAccounts = new("", "serviceaccounts");
    private readonly ObjectStore _store = store;

    /// <inheritdoc />
    protected override void Handle(StoreEvent change)
    {
        ArgumentNullException.ThrowIfNull(change);
        if (change.Resource == Deployments && change.Type != WatchEventType.Deleted)
        {
            Reconcile(change.Item.Namespace, change.Item.Name);
        }
        else if (change.Resource == ServiceAccounts && change.Type == WatchEventType.Added)
        {
            foreach (var deployment in _store.List(Deployments, change.Item.Namespace).Items)
            {
                Reconcile(deployment.Namespace, deployment.Name);
            }
        }
        else if (change.Resource == Pods && PodTemplates.ControllerUid(change.Item.ToJsonObject(), "Deployment") is { } owner
            && _store.FindByUid(owner) is { } deployment)
        {
            Reconcile(deployment.Namespace, deployment.Name);
        }
    }

    private void Reconcile(string ns, string name)
    {
        var type = service.Registry.FindAnyVersion(Deployments)!;
        var podType = service.Registry.FindAnyVersion(Pods)!;
        if (_store.Get(Deployments, ns, name) is not { IsTerminating: false } stored)
        {
            return;
        }

        var deployment = stored.ToJsonObject();
        var hash = PodTemplates.Hash(deployment["spec"]?["template"]);
        JsonKinds.TryGetInteger(deployment["spec"]?["replicas"], out var desired);
        var pods = _store.Dependents(stored.Uid)
            .Where(d => d.Resource == Pods)
            .Select(d => _store.Get(Pods, d.Namespace, d.Name))
            .OfType<StoredObject>()
            .Where(p => !p.IsTerminating)
            .Select(p => p.ToJsonObject())
            .ToList();
        var current = pods.Where(p => p["metadata"]?["labels"]?["pod-template-hash"]?.ToString() == hash).ToList();
        var old = pods.Except(current).ToList();

        for (var i = current.Count; i < desired; i++)
        {
            var pod = PodTemplates.NewPod(deployment, type, $"{name}-{hash}-", new Dictionary<string, string> { ["pod-template-hash"] = hash });
            try
            {
                current.Add(service.Create(podType, ns, pod, WriteOptions.Default).Stored.ToJsonObject());
            }
            catch (ApiException e) when (e.Code == 403)
            {
                // Refused (its service account is missing): tried again when a service account appears in the namespace.
                FailedCreateEvents.Record(service, type, deployment, e, "deployment-controller", time.GetUtcNow());
                break;
            }
        }

        foreach (var extra in current.OrderBy(IsReady).Skip((int)desired).ToList())
        {
            Delete(podType, ns, extra);
            current.Remove(extra);
        }

        var ready = current.Count(IsReady);
        if (ready >= desired || desired == 0)
        {
            old.ForEach(pod => Delete(podType, ns, pod));
            old.Clear();
        }

        WriteStatus(type, ns, name, desired, current.Count + old.Count, current.Count, ready + old.Count(IsReady));
    }

    private void WriteStatus(ResourceType type, string ns, string name, long desired, int replicas, int updated, int ready)
    {
        var now = ObjectMeta.Timestamp(time.GetUtcNow());
        var complete = updated == desired && ready >= desired && replicas == desired;
        service.Mutate(type, ns, name, deployment =>
        {
            var before = deployment["status"]?["conditions"] as JsonArray;
            deployment["status"] = new JsonObject
            {
                ["observedGeneration"] = deployment["metadata"]?["generation"]?.DeepClone(),
                ["replicas"] = replicas,
                ["updatedReplicas"] = updated,
                ["readyReplicas"] = ready,
                ["availableReplicas"] = ready,
                ["unavailableReplicas"] = Math.Max(0, desired - ready),
                ["conditions"] = new JsonArray(
                    Condition(before, "Available", ready >= desired, ready >= desired ? "MinimumReplicasAvailable" : "MinimumReplicasUnavailable",
                        ready >= desired ? "Deployment has minimum availability." : "Deployment does not have minimum availability.", now),
                    Condition(before, "Progressing", true, complete ? "NewReplicaSetAvailable" : "ReplicaSetUpdated",
                        complete ? $"Pods of \"{name}\" have successfully progressed." : $"Pods of \"{name}\" are progressing.", now)),
            };
            return deployment;
        }, status: true, WriteOptions.Default);
    }

    private void Delete(ResourceType podType, string ns, JsonObject pod)
    {
        try
        {
            service.Delete(podType, ns, pod["metadata"]!["name"]!.ToString(), DeleteOptions.Default);
        }
        catch (ApiException e) when (e.Code == 404)
        {
        }
    }

    private static bool IsReady(JsonObject pod) =>
        (pod["status"]?["conditions"] as JsonArray ?? []).Any(c => c?["type"]?.ToString() == "Ready" && c["status"]?.ToString() == "True");

    private static JsonObject Condition(JsonArray? before, string type, bool status, string reason, string message, string now)
    {
        var previous = before?.OfType<JsonObject>().FirstOrDefault(c => c["type"]?.ToString() == type);
        var text = status ? "True" : "False";
        var unchanged = previous?["status"]?.ToString() == text;
        return new JsonObject
        {
            ["type"] = type,
            ["status"] = text,
            ["lastUpdateTime"] = unchanged && previous?["reason"]?.ToString() == reason ? previous["lastUpdateTime"]?.DeepClone() : now,
            ["lastTransitionTime"] = unchanged ? previous!["lastTransitionTime"]?.DeepClone() : now,
            ["reason"] = reason,
            ["message"] = message,
        };
    }
}
