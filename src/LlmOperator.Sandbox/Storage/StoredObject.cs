using System.Text.Json;
using System.Text.Json.Nodes;

namespace LlmOperator.Sandbox.Storage;

/// <summary>
/// An object as the store holds it: immutable serialized JSON plus the few fields that lists, watches
/// and the garbage collector look at, so that reads never parse or share mutable nodes.
/// </summary>
public sealed class StoredObject
{
    private StoredObject(byte[] json, string apiVersion, string ns, string name, string uid, long resourceVersion,
        IReadOnlyDictionary<string, string> labels, IReadOnlyList<string> ownerUids, bool hasController, bool isTerminating, bool hasFinalizers)
    {
        Json = json;
        ApiVersion = apiVersion;
        Namespace = ns;
        Name = name;
        Uid = uid;
        ResourceVersion = resourceVersion;
        Labels = labels;
        OwnerUids = ownerUids;
        HasController = hasController;
        IsTerminating = isTerminating;
        HasFinalizers = hasFinalizers;
    }

    /// <summary>The object's JSON, UTF-8.</summary>
    public byte[] Json { get; }

    /// <summary>The apiVersion it was written with (a custom resource may be read at another served version).</summary>
    public string ApiVersion { get; }

    /// <summary>metadata.namespace, or "" for cluster-scoped objects.</summary>
    public string Namespace { get; }

    /// <summary>metadata.name.</summary>
    public string Name { get; }

    /// <summary>metadata.uid.</summary>
    public string Uid { get; }

    /// <summary>metadata.resourceVersion as a number.</summary>
    public long ResourceVersion { get; }

    /// <summary>metadata.labels.</summary>
    public IReadOnlyDictionary<string, string> Labels { get; }

    /// <summary>The uids of metadata.ownerReferences.</summary>
    public IReadOnlyList<string> OwnerUids { get; }

    /// <summary>Whether one of metadata.ownerReferences is its controller (controller: true).</summary>
    public bool HasController { get; }

    /// <summary>Whether metadata.deletionTimestamp is set.</summary>
    public bool IsTerminating { get; }

    /// <summary>Whether metadata.finalizers is non-empty.</summary>
    public bool HasFinalizers { get; }

    /// <summary>A fresh, mutable copy of the object.</summary>
    public JsonObject ToJsonObject() => JsonNode.Parse(Json)!.AsObject();

    /// <summary>Freezes an object the store has just stamped with its resourceVersion.</summary>
    public static StoredObject From(JsonObject obj, long resourceVersion)
    {
        ArgumentNullException.ThrowIfNull(obj);
        var metadata = obj["metadata"]!.AsObject();
        var labels = metadata["labels"] is JsonObject labelMap
            ? labelMap.Where(l => l.Value is not null).ToDictionary(l => l.Key, l => l.Value!.ToString(), StringComparer.Ordinal)
            : new Dictionary<string, string>(StringComparer.Ordinal);
        var owners = metadata["ownerReferences"] is JsonArray references
            ? references.Select(r => r?["uid"]?.ToString()).Where(u => u is not null).Select(u => u!).ToList()
            : [];
        var hasController = metadata["ownerReferences"] is JsonArray controllers
            && controllers.Any(r => r?["controller"] is JsonValue flag && flag.TryGetValue<bool>(out var controller) && controller);
        return new StoredObject(
            JsonSerializer.SerializeToUtf8Bytes(obj),
            obj["apiVersion"]?.ToString() ?? "",
            metadata["namespace"]?.ToString() ?? "",
            metadata["name"]!.ToString(),
            metadata["uid"]?.ToString() ?? "",
            resourceVersion,
            labels,
            owners,
            hasController,
            metadata["deletionTimestamp"] is not null,
            metadata["finalizers"] is JsonArray { Count: > 0 });
    }
}
