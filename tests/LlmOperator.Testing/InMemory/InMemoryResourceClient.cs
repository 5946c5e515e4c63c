using System.Text.Json.Nodes;
using k8s;
using k8s.Models;
using LlmOperator.Kubernetes.Access;

namespace LlmOperator.Testing.InMemory;

/// <summary>An <see cref="IResourceClient{T}"/> over an <see cref="InMemoryCluster"/>: reconciler tests run in milliseconds.</summary>
public sealed class InMemoryResourceClient<T>(InMemoryCluster cluster) : IResourceClient<T>
    where T : class, IKubernetesObject<V1ObjectMeta>
{
    /// <inheritdoc />
    public ResourceKind Kind { get; } = ResourceKind.Of<T>();

    /// <inheritdoc />
    public Task<T?> GetAsync(ObjectKey key, CancellationToken cancellationToken) =>
        Task.FromResult(cluster.Read(Kind, key) is { } obj ? Typed(obj) : null);

    /// <inheritdoc />
    public Task<ResourceList<T>> ListAsync(string? scope, string? labelSelector, CancellationToken cancellationToken)
    {
        var (items, version) = cluster.List(Kind, scope, obj => LabelSelectors.Matches(obj, labelSelector));
        return Task.FromResult(new ResourceList<T>([.. items.Select(Typed)], version));
    }

    /// <summary>Not served: in memory, a test brings changes to the caches itself (see <see cref="InMemoryCluster.TakeChanges"/>).</summary>
    public IAsyncEnumerable<(WatchEventType Type, T Object)> WatchAsync(
        string? scope, string? labelSelector, string resourceVersion, TimeSpan timeout, CancellationToken cancellationToken) =>
        throw new NotSupportedException("An in-memory cluster has no watch: sync the caches from InMemoryCluster.TakeChanges.");

    /// <inheritdoc />
    public Task<T> CreateAsync(T obj, CancellationToken cancellationToken) =>
        Task.FromResult(Typed(cluster.Create(Kind, JsonNode.Parse(KubernetesJson.Serialize(obj))!.AsObject())));

    /// <inheritdoc />
    public Task<T> PatchAsync(ObjectKey key, JsonNode mergePatch, CancellationToken cancellationToken) =>
        Task.FromResult(Typed(cluster.Patch(Kind, key, mergePatch, status: false)));

    /// <inheritdoc />
    public Task<T> PatchStatusAsync(ObjectKey key, JsonNode mergePatch, CancellationToken cancellationToken) =>
        Task.FromResult(Typed(cluster.Patch(Kind, key, mergePatch, status: true)));

    /// <inheritdoc />
    public Task<T> StrategicPatchStatusAsync(ObjectKey key, JsonNode strategicPatch, CancellationToken cancellationToken) =>
        Task.FromResult(Typed(cluster.StrategicPatchStatus(Kind, key, strategicPatch)));

    /// <inheritdoc />
    public Task<bool> DeleteAsync(ObjectKey key, CancellationToken cancellationToken) => Task.FromResult(cluster.Delete(Kind, key));

    private static T Typed(JsonObject obj) => KubernetesJson.Deserialize<T>(obj.ToJsonString());
}
