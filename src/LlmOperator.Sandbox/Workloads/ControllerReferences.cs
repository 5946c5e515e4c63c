using System.Text.Json.Nodes;
using LlmOperator.Sandbox.Resources;
using LlmOperator.Sandbox.Storage;

namespace LlmOperator.Sandbox.Workloads;

/// <summary>
/// The controller ownerReference that ties an object to the workload controlling it (a pod to its
/// ReplicaSet or Job, a ReplicaSet to its Deployment).
/// </summary>
internal static class ControllerReferences
{
    /// <summary>A controller reference to an owner, blocking its foreground deletion until the dependent is gone.</summary>
    public static JsonObject To(JsonObject owner, string apiVersion, string kind)
    {
        ArgumentNullException.ThrowIfNull(owner);
        return new JsonObject
        {
            ["apiVersion"] = apiVersion,
            ["kind"] = kind,
            ["name"] = owner["metadata"]?["name"]?.DeepClone(),
            ["uid"] = owner["metadata"]?["uid"]?.DeepClone(),
            ["controller"] = true,
            ["blockOwnerDeletion"] = true,
        };
    }

    /// <summary>The uid of the object's controller of a kind, if any.</summary>
    public static string? Uid(JsonObject obj, string kind) => Controller(obj) is { } controller && controller["kind"]?.ToString() == kind
        ? controller["uid"]?.ToString()
        : null;

    /// <summary>The object's controller reference (the owner reference with controller: true), if any.</summary>
    public static JsonObject? Controller(JsonObject obj)
    {
        ArgumentNullException.ThrowIfNull(obj);
        return (obj["metadata"]?["ownerReferences"] as JsonArray ?? [])
            .OfType<JsonObject>()
            .FirstOrDefault(o => o["controller"] is JsonValue controller && controller.TryGetValue<bool>(out var value) && value);
    }

    /// <summary>The live objects of a resource that <paramref name="owner"/> (of kind <paramref name="ownerKind"/>) controls.</summary>
    public static List<JsonObject> Controlled(ObjectStore store, StoredObject owner, ResourceKey resource, string ownerKind)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(owner);
        return [.. store.Dependents(owner.Uid)
            .Where(d => d.Resource == resource)
            .Select(d => store.Get(resource, d.Namespace, d.Name))
            .OfType<StoredObject>()
            .Where(o => !o.IsTerminating)
            .Select(o => o.ToJsonObject())
            .Where(o => Uid(o, ownerKind) == owner.Uid)];
    }
}
