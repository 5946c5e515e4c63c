using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using k8s;
using k8s.Autorest;
using k8s.Models;

namespace LlmOperator.Kubernetes.Access;

/// <summary>
/// <see cref="IResourceClient{T}"/> over KubernetesClient's generic endpoints, for any kind, built-in or
/// custom: every refusal is translated to its typed <see cref="KubernetesApiException"/>.
/// </summary>
public sealed class ResourceClient<T> : IResourceClient<T>
    where T : class, IKubernetesObject<V1ObjectMeta>
{
    private readonly IKubernetes _kubernetes;
    private readonly StatusWrites? _statusWrites;

    /// <summary>Creates a client for <typeparamref name="T"/> over a KubernetesClient.</summary>
    public ResourceClient(IKubernetes kubernetes)
    {
        ArgumentNullException.ThrowIfNull(kubernetes);
        _kubernetes = kubernetes;
    }

    /// <summary>
    /// Creates a client for <typeparamref name="T"/> that records in <paramref name="statusWrites"/> the status patches it
    /// sends pinned to a resourceVersion.
    /// </summary>
    public ResourceClient(IKubernetes kubernetes, StatusWrites statusWrites)
        : this(kubernetes)
    {
        ArgumentNullException.ThrowIfNull(statusWrites);
        _statusWrites = statusWrites;
    }

    /// <inheritdoc />
    public ResourceKind Kind { get; } = ResourceKind.Of<T>();

    private ICustomObjectsOperations Api => _kubernetes.CustomObjects;

    /// <inheritdoc />
    public async Task<T?> GetAsync(ObjectKey key, CancellationToken cancellationToken)
    {
        try
        {
            return await CallAsync(() => key.Namespace is null
                ? Api.GetClusterCustomObjectWithHttpMessagesAsync<T>(
                    Kind.Group, Kind.Version, Kind.Plural, key.Name, cancellationToken: cancellationToken)
                : Api.GetNamespacedCustomObjectWithHttpMessagesAsync<T>(
                    Kind.Group, Kind.Version, key.Namespace, Kind.Plural, key.Name, cancellationToken: cancellationToken)).ConfigureAwait(false);
        }
        catch (NotFoundException)
        {
            return null;
        }
    }

    /// <inheritdoc />
    public async Task<ResourceList<T>> ListAsync(string? scope, string? labelSelector, CancellationToken cancellationToken)
    {
        var list = await CallAsync(() => scope is null
            ? Api.ListClusterCustomObjectWithHttpMessagesAsync<KubernetesList<T>>(
                Kind.Group, Kind.Version, Kind.Plural, labelSelector: labelSelector, cancellationToken: cancellationToken)
            : Api.ListNamespacedCustomObjectWithHttpMessagesAsync<KubernetesList<T>>(
                Kind.Group, Kind.Version, scope, Kind.Plural, labelSelector: labelSelector, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return new ResourceList<T>([.. list.Items ?? []], list.Metadata?.ResourceVersion ?? "");
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<(WatchEventType Type, T Object)> WatchAsync(
        string? scope, string? labelSelector, string resourceVersion, TimeSpan timeout, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var seconds = Math.Max(1, (int)timeout.TotalSeconds);
        KubernetesApiException? failure = null;
        void OnError(Exception e) => failure ??= ApiErrors.Translate(e);
#pragma warning disable CS0618 // WatchAsync over a list call is marked obsolete in KubernetesClient 21 but is its supported generic watch.
        var response = scope is null
            ? Api.ListClusterCustomObjectWithHttpMessagesAsync<object>(
                Kind.Group, Kind.Version, Kind.Plural, allowWatchBookmarks: true, labelSelector: labelSelector,
                resourceVersion: resourceVersion, timeoutSeconds: seconds, watch: true, cancellationToken: cancellationToken)
            : Api.ListNamespacedCustomObjectWithHttpMessagesAsync<object>(
                Kind.Group, Kind.Version, scope, Kind.Plural, allowWatchBookmarks: true, labelSelector: labelSelector,
                resourceVersion: resourceVersion, timeoutSeconds: seconds, watch: true, cancellationToken: cancellationToken);
        var events = response.WatchAsync<T, object>(OnError, cancellationToken);
#pragma warning restore CS0618
        await using var enumerator = events.GetAsyncEnumerator(cancellationToken);
        while (true)
        {
            try
            {
                if (!await enumerator.MoveNextAsync().ConfigureAwait(false))
                {
                    break;
                }
            }
            catch (HttpOperationException e)
            {
                throw ApiErrors.Translate(e)!;
            }

            if (failure is not null)
            {
                throw failure;
            }

            yield return enumerator.Current;
        }

        if (failure is not null)
        {
            throw failure;
        }
    }

    /// <inheritdoc />
    public Task<T> CreateAsync(T obj, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(obj);
        var key = ObjectKey.Of(obj);
        return CallAsync(() => key.Namespace is null
            ? Api.CreateClusterCustomObjectWithHttpMessagesAsync<T>(
                obj, Kind.Group, Kind.Version, Kind.Plural, cancellationToken: cancellationToken)
            : Api.CreateNamespacedCustomObjectWithHttpMessagesAsync<T>(
                obj, Kind.Group, Kind.Version, key.Namespace, Kind.Plural, cancellationToken: cancellationToken));
    }

    /// <inheritdoc />
    public Task<T> PatchAsync(ObjectKey key, JsonNode mergePatch, CancellationToken cancellationToken)
    {
        var patch = ToPatch(mergePatch);
        return CallAsync(() => key.Namespace is null
            ? Api.PatchClusterCustomObjectWithHttpMessagesAsync<T>(
                patch, Kind.Group, Kind.Version, Kind.Plural, key.Name, cancellationToken: cancellationToken)
            : Api.PatchNamespacedCustomObjectWithHttpMessagesAsync<T>(
                patch, Kind.Group, Kind.Version, key.Namespace, Kind.Plural, key.Name, cancellationToken: cancellationToken));
    }

    /// <inheritdoc />
    /// <remarks>A patch pinned to a resourceVersion is recorded in the operator's <see cref="StatusWrites"/>, if it has them.</remarks>
    public async Task<T> PatchStatusAsync(ObjectKey key, JsonNode mergePatch, CancellationToken cancellationToken)
    {
        var patch = ToPatch(mergePatch);
        var pin = mergePatch["metadata"]?["resourceVersion"]?.GetValue<string>();
        if (pin is not null)
        {
            _statusWrites?.Sending(Kind, key, pin, mergePatch["status"]);
        }

        var written = await CallAsync(() => key.Namespace is null
            ? Api.PatchClusterCustomObjectStatusWithHttpMessagesAsync<T>(
                patch, Kind.Group, Kind.Version, Kind.Plural, key.Name, cancellationToken: cancellationToken)
            : Api.PatchNamespacedCustomObjectStatusWithHttpMessagesAsync<T>(
                patch, Kind.Group, Kind.Version, key.Namespace, Kind.Plural, key.Name, cancellationToken: cancellationToken)).ConfigureAwait(false);
        if (pin is not null)
        {
            _statusWrites?.Accepted(Kind, key, pin);
        }

        return written;
    }

    /// <inheritdoc />
    public Task<T> StrategicPatchStatusAsync(ObjectKey key, JsonNode strategicPatch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(strategicPatch);
        var patch = new V1Patch(strategicPatch.ToJsonString(), V1Patch.PatchType.StrategicMergePatch);
        return CallAsync(() => key.Namespace is null
            ? Api.PatchClusterCustomObjectStatusWithHttpMessagesAsync<T>(
                patch, Kind.Group, Kind.Version, Kind.Plural, key.Name, cancellationToken: cancellationToken)
            : Api.PatchNamespacedCustomObjectStatusWithHttpMessagesAsync<T>(
                patch, Kind.Group, Kind.Version, key.Namespace, Kind.Plural, key.Name, cancellationToken: cancellationToken));
    }

    /// <inheritdoc />
    public async Task<bool> DeleteAsync(ObjectKey key, CancellationToken cancellationToken)
    {
        try
        {
            await CallAsync(() => key.Namespace is null
                ? Api.DeleteClusterCustomObjectWithHttpMessagesAsync<object>(
                    Kind.Group, Kind.Version, Kind.Plural, key.Name, cancellationToken: cancellationToken)
                : Api.DeleteNamespacedCustomObjectWithHttpMessagesAsync<object>(
                    Kind.Group, Kind.Version, key.Namespace, Kind.Plural, key.Name, cancellationToken: cancellationToken)).ConfigureAwait(false);
            return true;
        }
        catch (NotFoundException)
        {
            return false;
        }
    }

    private static V1Patch ToPatch(JsonNode mergePatch)
    {
        ArgumentNullException.ThrowIfNull(mergePatch);
        return new V1Patch(mergePatch.ToJsonString(), V1Patch.PatchType.MergePatch);
    }

    private static async Task<TResult> CallAsync<TResult>(Func<Task<HttpOperationResponse<TResult>>> call)
    {
        try
        {
            using var response = await call().ConfigureAwait(false);
            return response.Body;
        }
        catch (HttpOperationException e)
        {
            throw ApiErrors.Translate(e)!;
        }
    }
}
