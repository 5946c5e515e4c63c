using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using k8s;
using LlmOperator.Kubernetes.Access;
using LlmOperator.Sandbox.Patching;

namespace LlmOperator.Testing.InMemory;

/// <summary>
/// The objects of a cluster in memory, with the API server's rules that reconcilers rely on: one
/// increasing resourceVersion, uid and generation (bumped when the spec changes), the status
/// subresource apart from the rest, 409 for a name taken or a write pinned to an old resourceVersion,
/// 404 for what does not exist. No admission, defaulting, finalizers or garbage collection. Each change
/// is queued for the caches until <see cref="TakeChanges"/>, so a test decides when the watch catches up.
/// A failure can be planned for the next matching call.
/// </summary>
public sealed class InMemoryCluster
{
    private readonly Lock _gate = new();
    private readonly Dictionary<(ResourceKind Kind, ObjectKey Key), JsonObject> _objects = [];
    private readonly List<(ResourceKind Kind, WatchEventType Type, JsonObject Object)> _changes = [];
    private readonly List<(string Verb, string? Kind, KubernetesApiException Error)> _failures = [];
    private readonly List<string> _writes = [];
    private long _resourceVersion = 100;

    /// <summary>Every write so far, as "verb Kind namespace/name" (create, patch, patch-status, delete).</summary>
    public IReadOnlyList<string> Writes
    {
        get
        {
            lock (_gate)
            {
                return [.. _writes];
            }
        }
    }

    /// <summary>
    /// Makes the next call of <paramref name="verb"/> (get, list, create, patch, patch-status, delete) on
    /// <paramref name="kind"/> (any kind when null) fail with <paramref name="code"/>.
    /// </summary>
    public void FailNext(string verb, string? kind, HttpStatusCode code)
    {
        lock (_gate)
        {
            _failures.Add((verb, kind, ApiErrors.Create(code, null, null, null)));
        }
    }

    /// <summary>The object as the cluster holds it, or null.</summary>
    public T? Get<T>(ObjectKey key)
        where T : class =>
        Read(ResourceKind.Of<T>(), key) is { } obj ? KubernetesJson.Deserialize<T>(obj.ToJsonString()) : null;

    /// <summary>The changes since the last call, oldest first: what a watch would deliver.</summary>
    public IReadOnlyList<(ResourceKind Kind, WatchEventType Type, JsonObject Object)> TakeChanges()
    {
        lock (_gate)
        {
            var changes = _changes.ToList();
            _changes.Clear();
            return changes;
        }
    }

    internal JsonObject? Read(ResourceKind kind, ObjectKey key)
    {
        lock (_gate)
        {
            FailIfPlanned("get", kind);
            return _objects.GetValueOrDefault((kind, key))?.DeepClone().AsObject();
        }
    }

    internal (IReadOnlyList<JsonObject> Items, string ResourceVersion) List(ResourceKind kind, string? ns, Func<JsonObject, bool> matches)
    {
        lock (_gate)
        {
            FailIfPlanned("list", kind);
            var items = _objects
                .Where(o => o.Key.Kind == kind && (ns is null || o.Key.Key.Namespace == ns) && matches(o.Value))
                .Select(o => o.Value.DeepClone().AsObject())
                .ToList();
            return (items, Version());
        }
    }

    internal JsonObject Create(ResourceKind kind, JsonObject obj)
    {
        lock (_gate)
        {
            FailIfPlanned("create", kind);
            var metadata = obj["metadata"] as JsonObject ?? throw new ArgumentException("an object needs metadata");
            var key = new ObjectKey(metadata["namespace"]?.GetValue<string>() is { Length: > 0 } ns ? ns : null, metadata["name"]!.GetValue<string>());
            if (_objects.ContainsKey((kind, key)))
            {
                throw ApiErrors.Create(HttpStatusCode.Conflict, null, null, null);
            }

            metadata["uid"] = Guid.NewGuid().ToString();
            metadata["generation"] = 1L;
            metadata["creationTimestamp"] = "2026-11-26T12:00:00Z";
            obj["apiVersion"] = kind.ApiVersion;
            obj["kind"] = kind.Kind;
            return Store(kind, key, obj, WatchEventType.Added, "create");
        }
    }

    internal JsonObject Patch(ResourceKind kind, ObjectKey key, JsonNode patch, bool status)
    {
        lock (_gate)
        {
            FailIfPlanned(status ? "patch-status" : "patch", kind);
            var current = _objects.GetValueOrDefault((kind, key)) ?? throw ApiErrors.Create(HttpStatusCode.NotFound, null, null, null);
            ThrowIfPinnedToAnother(patch, current);

            var next = current.DeepClone().AsObject();
            if (status)
            {
                next["status"] = Merge(next["status"], patch["status"]);
            }
            else
            {
                var body = patch.DeepClone().AsObject();
                body.Remove("status");
                next = Merge(next, body)!.AsObject();
                next["status"] = current["status"]?.DeepClone();
                if (!JsonNode.DeepEquals(current["spec"], next["spec"]))
                {
                    next["metadata"]!["generation"] = (long)current["metadata"]!["generation"]! + 1;
                }
            }

            return Store(kind, key, next, WatchEventType.Modified, status ? "patch-status" : "patch");
        }
    }

    // The sandbox's strategic merge: a built-in kind's status lists merge by their keys (pod conditions by type), pinned as the others.
    internal JsonObject StrategicPatchStatus(ResourceKind kind, ObjectKey key, JsonNode patch)
    {
        lock (_gate)
        {
            FailIfPlanned("patch-status", kind);
            var current = _objects.GetValueOrDefault((kind, key)) ?? throw ApiErrors.Create(HttpStatusCode.NotFound, null, null, null);
            ThrowIfPinnedToAnother(patch, current);

            var patched = ObjectPatcher.Patch(PatchType.StrategicMerge, current, new JsonObject { ["status"] = patch["status"]?.DeepClone() });
            var next = current.DeepClone().AsObject();
            next["status"] = patched["status"]?.DeepClone();
            return Store(kind, key, next, WatchEventType.Modified, "patch-status");
        }
    }

    internal bool Delete(ResourceKind kind, ObjectKey key)
    {
        lock (_gate)
        {
            FailIfPlanned("delete", kind);
            if (!_objects.Remove((kind, key), out var gone))
            {
                return false;
            }

            _writes.Add($"delete {kind.Kind} {key}");
            gone["metadata"]!["resourceVersion"] = Next();
            _changes.Add((kind, WatchEventType.Deleted, gone.DeepClone().AsObject()));
            return true;
        }
    }

    private JsonObject Store(ResourceKind kind, ObjectKey key, JsonObject obj, WatchEventType type, string verb)
    {
        obj["metadata"]!["resourceVersion"] = Next();
        if (obj["status"] is null)
        {
            obj.Remove("status");
        }

        _objects[(kind, key)] = obj;
        _writes.Add($"{verb} {kind.Kind} {key}");
        _changes.Add((kind, type, obj.DeepClone().AsObject()));
        return obj.DeepClone().AsObject();
    }

    private static void ThrowIfPinnedToAnother(JsonNode patch, JsonObject current)
    {
        if (patch["metadata"]?["resourceVersion"]?.GetValue<string>() is { } pinned
            && pinned != current["metadata"]!["resourceVersion"]!.GetValue<string>())
        {
            throw ApiErrors.Create(HttpStatusCode.Conflict, null, null, null);
        }
    }

    private string Next() => (++_resourceVersion).ToString(CultureInfo.InvariantCulture);

    private string Version() => _resourceVersion.ToString(CultureInfo.InvariantCulture);

    private void FailIfPlanned(string verb, ResourceKind kind)
    {
        var planned = _failures.FindIndex(f => f.Verb == verb && (f.Kind is null || f.Kind == kind.Kind));
        if (planned >= 0)
        {
            var error = _failures[planned].Error;
            _failures.RemoveAt(planned);
            throw error;
        }
    }

    // RFC 7386: objects merge member by member, null removes, anything else replaces.
    private static JsonNode? Merge(JsonNode? target, JsonNode? patch)
    {
        if (patch is not JsonObject members)
        {
            return patch?.DeepClone();
        }

        var result = target is JsonObject existing ? existing.DeepClone().AsObject() : [];
        foreach (var (name, value) in members)
        {
            if (value is null)
            {
                result.Remove(name);
            }
            else
            {
                result[name] = Merge(result[name], value);
            }
        }

        return result;
    }
}
