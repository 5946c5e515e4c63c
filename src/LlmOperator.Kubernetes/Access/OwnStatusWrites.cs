using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using k8s;
using k8s.Models;

namespace LlmOperator.Kubernetes.Access;

/// <summary>
/// The status this operator last decided for each object, recorded before it is sent. A status-only
/// change that arrives with exactly that status is the watch's echo of our own write (or someone writing
/// what we decided anyway): it brings nothing new, so a controller that must see others' status changes
/// (llmop promote, a Job's verdict) can still skip it. Without this every status write woke one more
/// reconcile: half of all reconciles at scale, and they came after steady state. The status is compared,
/// not the resourceVersion the write returns, because the watch event can arrive before the response.
/// </summary>
public sealed class OwnStatusWrites
{
    private readonly ConcurrentDictionary<(ResourceKind Kind, ObjectKey Key), JsonNode> _decided = new();

    /// <summary>Records the status about to be written to an object.</summary>
    public void Writing(ResourceKind kind, ObjectKey key, JsonNode status) => _decided[(kind, key)] = status;

    /// <summary>Whether the object's status is the one we last wrote to it.</summary>
    public bool IsOurs<T>(ResourceKind kind, T obj)
        where T : class, IKubernetesObject<V1ObjectMeta>
    {
        ArgumentNullException.ThrowIfNull(obj);
        return _decided.TryGetValue((kind, ObjectKey.Of(obj)), out var decided)
            && JsonNode.DeepEquals(decided, JsonNode.Parse(KubernetesJson.Serialize(obj))?["status"]);
    }

    /// <summary>Forgets a deleted object.</summary>
    public void Forget(ResourceKind kind, ObjectKey key) => _decided.TryRemove((kind, key), out _);
}
