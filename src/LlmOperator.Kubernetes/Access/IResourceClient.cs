using System.Text.Json.Nodes;
using k8s;
using k8s.Models;

namespace LlmOperator.Kubernetes.Access;

/// <summary>
/// The Kubernetes API for one kind, as the operator calls it: every read and write goes through here.
/// Every refusal is a typed <see cref="KubernetesApiException"/> (404 <see cref="NotFoundException"/>,
/// 409 <see cref="ConflictException"/>, 410 <see cref="GoneException"/>, 429 and 5xx with their
/// Retry-After). What is built on these calls (create unless present, status writes of what changed,
/// edits retried on conflict) is in <see cref="ResourceClientExtensions"/>, the same for every client.
/// </summary>
public interface IResourceClient<T>
    where T : class, IKubernetesObject<V1ObjectMeta>
{
    /// <summary>The kind this client reads and writes.</summary>
    ResourceKind Kind { get; }

    /// <summary>Reads an object; null when it does not exist.</summary>
    Task<T?> GetAsync(ObjectKey key, CancellationToken cancellationToken);

    /// <summary>Lists the objects of the namespace <paramref name="scope"/> (of every namespace when null), optionally by label selector.</summary>
    Task<ResourceList<T>> ListAsync(string? scope, string? labelSelector, CancellationToken cancellationToken);

    /// <summary>
    /// Watches changes in the namespace <paramref name="scope"/> (every namespace when null) from
    /// <paramref name="resourceVersion"/> with bookmarks, of the objects that match
    /// <paramref name="labelSelector"/> (an object that stops matching arrives as deleted); the server ends
    /// the stream after <paramref name="timeout"/>. A watch ERROR event (410 Gone, say) is thrown as its
    /// typed exception once the stream ends, so the caller can list again.
    /// </summary>
    IAsyncEnumerable<(WatchEventType Type, T Object)> WatchAsync(
        string? scope, string? labelSelector, string resourceVersion, TimeSpan timeout, CancellationToken cancellationToken);

    /// <summary>Creates an object; a <see cref="ConflictException"/> when one of that name exists.</summary>
    Task<T> CreateAsync(T obj, CancellationToken cancellationToken);

    /// <summary>Sends a JSON merge patch to an object (metadata and spec; status is a subresource).</summary>
    Task<T> PatchAsync(ObjectKey key, JsonNode mergePatch, CancellationToken cancellationToken);

    /// <summary>
    /// Sends a JSON merge patch to an object's status subresource; one pinned to a resourceVersion
    /// (<c>metadata.resourceVersion</c>) is a <see cref="ConflictException"/> when the object changed since.
    /// </summary>
    Task<T> PatchStatusAsync(ObjectKey key, JsonNode mergePatch, CancellationToken cancellationToken);

    /// <summary>
    /// Sends a strategic merge patch to a built-in object's status subresource: its lists merge by their keys, so a
    /// patch of one pod condition leaves the others (the kubelet's) as they are.
    /// </summary>
    Task<T> StrategicPatchStatusAsync(ObjectKey key, JsonNode strategicPatch, CancellationToken cancellationToken);

    /// <summary>Deletes an object; false when it was already gone.</summary>
    Task<bool> DeleteAsync(ObjectKey key, CancellationToken cancellationToken);
}
