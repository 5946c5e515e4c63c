using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using k8s;
using k8s.Autorest;
using k8s.Models;

namespace LlmOperator.Kubernetes.Access;

/// <summary>
/// Typed access to one kind, built-in or custom, through KubernetesClient's generic endpoints. Every
/// refusal is a typed <see cref="KubernetesApiException"/>; writes to existing objects are merge
/// patches of what changed, pinned to the resourceVersion that was read, and re-read on conflict.
/// </summary>
public sealed class ResourceClient<T>
    where T : class, IKubernetesObject<V1ObjectMeta>
{
    /// <summary>How many times a patch of a changed object is re-read and tried again after a conflict.</summary>
    public const int ConflictAttempts = 5;

    private readonly IKubernetes _kubernetes;
    private readonly StatusWrites? _statusWrites;

    /// <summary>Creates a client for <typeparamref name="T"/> over a KubernetesClient.</summary>
    public ResourceClient(IKubernetes kubernetes)
    {
        ArgumentNullException.ThrowIfNull(kubernetes);
        _kubernetes = kubernetes;
    }

    /// <summary>Creates a client for <typeparamref name="T"/> that records in <paramref name="statusWrites"/> the status patches it sends pinned to a resourceVersion.</summary>
    public ResourceClient(IKubernetes kubernetes, StatusWrites statusWrites)
        : this(kubernetes)
    {
        ArgumentNullException.ThrowIfNull(statusWrites);
        _statusWrites = statusWrites;
    }

    /// <summary>The kind this client reads and writes.</summary>
    public ResourceKind Kind { get; } = ResourceKind.Of<T>();

    private ICustomObjectsOperations Api => _kubernetes.CustomObjects;

    /// <summary>Reads an object; null when it does not exist.</summary>
    public async Task<T?> GetAsync(ObjectKey key, CancellationToken cancellationToken)
    {
        try
        {
            return await CallAsync(() => key.Namespace is null
                ? Api.GetClusterCustomObjectWithHttpMessagesAsync<T>(Kind.Group, Kind.Version, Kind.Plural, key.Name, cancellationToken: cancellationToken)
                : Api.GetNamespacedCustomObjectWithHttpMessagesAsync<T>(Kind.Group, Kind.Version, key.Namespace, Kind.Plural, key.Name, cancellationToken: cancellationToken)).ConfigureAwait(false);
        }
        catch (NotFoundException)
        {
            return null;
        }
    }

    /// <summary>Lists the objects of a namespace (or of every namespace when null), optionally by label selector.</summary>
    public async Task<ResourceList<T>> ListAsync(string? @namespace, string? labelSelector, CancellationToken cancellationToken)
    {
        var list = await CallAsync(() => @namespace is null
            ? Api.ListClusterCustomObjectWithHttpMessagesAsync<KubernetesList<T>>(Kind.Group, Kind.Version, Kind.Plural, labelSelector: labelSelector, cancellationToken: cancellationToken)
            : Api.ListNamespacedCustomObjectWithHttpMessagesAsync<KubernetesList<T>>(Kind.Group, Kind.Version, @namespace, Kind.Plural, labelSelector: labelSelector, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return new ResourceList<T>([.. list.Items ?? []], list.Metadata?.ResourceVersion ?? "");
    }

    /// <summary>
    /// Watches changes from <paramref name="resourceVersion"/> with bookmarks; the server ends the
    /// stream after <paramref name="timeout"/>. A watch ERROR event (for example 410 Gone) is thrown as
    /// its typed exception once the stream ends, so the caller can re-list.
    /// </summary>
    public IAsyncEnumerable<(WatchEventType Type, T Object)> WatchAsync(string? @namespace, string resourceVersion, TimeSpan timeout, CancellationToken cancellationToken) =>
        WatchAsync(@namespace, null, resourceVersion, timeout, cancellationToken);

    /// <summary>
    /// Like <see cref="WatchAsync(string?, string, TimeSpan, CancellationToken)"/> for the objects that
    /// match <paramref name="labelSelector"/>: an object that stops matching arrives as deleted.
    /// </summary>
    public async IAsyncEnumerable<(WatchEventType Type, T Object)> WatchAsync(
        string? @namespace, string? labelSelector, string resourceVersion, TimeSpan timeout, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var seconds = Math.Max(1, (int)timeout.TotalSeconds);
        KubernetesApiException? failure = null;
        void OnError(Exception e) => failure ??= ApiErrors.Translate(e);
#pragma warning disable CS0618 // WatchAsync over a list call is marked obsolete in KubernetesClient 21 but is its supported generic watch.
        var response = @namespace is null
            ? Api.ListClusterCustomObjectWithHttpMessagesAsync<object>(Kind.Group, Kind.Version, Kind.Plural, allowWatchBookmarks: true, labelSelector: labelSelector, resourceVersion: resourceVersion, timeoutSeconds: seconds, watch: true, cancellationToken: cancellationToken)
            : Api.ListNamespacedCustomObjectWithHttpMessagesAsync<object>(Kind.Group, Kind.Version, @namespace, Kind.Plural, allowWatchBookmarks: true, labelSelector: labelSelector, resourceVersion: resourceVersion, timeoutSeconds: seconds, watch: true, cancellationToken: cancellationToken);
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

    /// <summary>Creates an object; a <see cref="ConflictException"/> when one of that name exists.</summary>
    public Task<T> CreateAsync(T obj, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(obj);
        var key = ObjectKey.Of(obj);
        return CallAsync(() => key.Namespace is null
            ? Api.CreateClusterCustomObjectWithHttpMessagesAsync<T>(obj, Kind.Group, Kind.Version, Kind.Plural, cancellationToken: cancellationToken)
            : Api.CreateNamespacedCustomObjectWithHttpMessagesAsync<T>(obj, Kind.Group, Kind.Version, key.Namespace, Kind.Plural, cancellationToken: cancellationToken));
    }

    /// <summary>
    /// Creates an object unless one of that name exists (made, say, by an earlier reconcile whose watch
    /// event has not arrived yet); returns whether this call created it.
    /// </summary>
    public async Task<bool> CreateIfMissingAsync(T obj, CancellationToken cancellationToken)
    {
        try
        {
            await CreateAsync(obj, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (ConflictException)
        {
            return false;
        }
    }

    /// <summary>
    /// Writes <paramref name="status"/> as the status of <paramref name="read"/>: a merge patch of what
    /// differs from the status read, pinned to its resourceVersion, so a <see cref="ConflictException"/>
    /// when the object changed since (the caller decides again from the newer object). Sends nothing and
    /// returns null when nothing differs.
    /// </summary>
    public async Task<T?> WriteStatusAsync(T read, object status, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(read);
        ArgumentNullException.ThrowIfNull(status);
        var before = JsonNode.Parse(KubernetesJson.Serialize(read))?["status"];
        var after = JsonNode.Parse(KubernetesJson.Serialize(status))!;
        if (MergePatch.Create(before, after) is not { } change)
        {
            return null;
        }

        var patch = new JsonObject
        {
            ["metadata"] = new JsonObject { ["resourceVersion"] = read.Metadata.ResourceVersion },
            ["status"] = change,
        };
        return await PatchStatusAsync(ObjectKey.Of(read), patch, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Sends a JSON merge patch to an object (metadata and spec; status is a subresource).</summary>
    public Task<T> PatchAsync(ObjectKey key, JsonNode mergePatch, CancellationToken cancellationToken)
    {
        var patch = ToPatch(mergePatch);
        return CallAsync(() => key.Namespace is null
            ? Api.PatchClusterCustomObjectWithHttpMessagesAsync<T>(patch, Kind.Group, Kind.Version, Kind.Plural, key.Name, cancellationToken: cancellationToken)
            : Api.PatchNamespacedCustomObjectWithHttpMessagesAsync<T>(patch, Kind.Group, Kind.Version, key.Namespace, Kind.Plural, key.Name, cancellationToken: cancellationToken));
    }

    /// <summary>
    /// Sends a JSON merge patch to an object's status subresource. A patch pinned to a resourceVersion
    /// (<c>metadata.resourceVersion</c>) is recorded in the operator's <see cref="StatusWrites"/>, if it has them.
    /// </summary>
    public async Task<T> PatchStatusAsync(ObjectKey key, JsonNode mergePatch, CancellationToken cancellationToken)
    {
        var patch = ToPatch(mergePatch);
        var pin = mergePatch["metadata"]?["resourceVersion"]?.GetValue<string>();
        if (pin is not null)
        {
            _statusWrites?.Sending(Kind, key, pin, mergePatch["status"]);
        }

        var written = await CallAsync(() => key.Namespace is null
            ? Api.PatchClusterCustomObjectStatusWithHttpMessagesAsync<T>(patch, Kind.Group, Kind.Version, Kind.Plural, key.Name, cancellationToken: cancellationToken)
            : Api.PatchNamespacedCustomObjectStatusWithHttpMessagesAsync<T>(patch, Kind.Group, Kind.Version, key.Namespace, Kind.Plural, key.Name, cancellationToken: cancellationToken)).ConfigureAwait(false);
        if (pin is not null)
        {
            _statusWrites?.Accepted(Kind, key, pin);
        }

        return written;
    }

    /// <summary>Deletes an object; false when it was already gone.</summary>
    public async Task<bool> DeleteAsync(ObjectKey key, CancellationToken cancellationToken)
    {
        try
        {
            await CallAsync(() => key.Namespace is null
                ? Api.DeleteClusterCustomObjectWithHttpMessagesAsync<object>(Kind.Group, Kind.Version, Kind.Plural, key.Name, cancellationToken: cancellationToken)
                : Api.DeleteNamespacedCustomObjectWithHttpMessagesAsync<object>(Kind.Group, Kind.Version, key.Namespace, Kind.Plural, key.Name, cancellationToken: cancellationToken)).ConfigureAwait(false);
            return true;
        }
        catch (NotFoundException)
        {
            return false;
        }
    }

    /// <summary>
    /// Changes an object's metadata or spec: <paramref name="mutate"/> edits a copy of
    /// <paramref name="current"/>, and what it changed is sent as a merge patch pinned to the
    /// resourceVersion read. On a conflict the object is read again and the change re-applied. Returns
    /// the object as written (unchanged when the edit changed nothing), or null when it no longer exists.
    /// </summary>
    public Task<T?> UpdateAsync(T current, Action<T> mutate, CancellationToken cancellationToken) =>
        MutateAsync(current, mutate, ObjectPart.MetadataAndSpec, cancellationToken);

    /// <summary>Like <see cref="UpdateAsync"/> for the status subresource: only the changed status fields are sent.</summary>
    public Task<T?> UpdateStatusAsync(T current, Action<T> mutate, CancellationToken cancellationToken) =>
        MutateAsync(current, mutate, ObjectPart.Status, cancellationToken);

    private async Task<T?> MutateAsync(T current, Action<T> mutate, ObjectPart part, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(mutate);
        var key = ObjectKey.Of(current);
        var latest = current;
        for (var attempt = 1; ; attempt++)
        {
            var before = JsonNode.Parse(KubernetesJson.Serialize(latest))!.AsObject();
            var edited = KubernetesJson.Deserialize<T>(before.ToJsonString());
            mutate(edited);
            var after = JsonNode.Parse(KubernetesJson.Serialize(edited))!.AsObject();
            if (PartPatch(before, after, part) is not { } patch)
            {
                return latest;
            }

            if (patch["metadata"] is not JsonObject metadata)
            {
                patch["metadata"] = metadata = [];
            }

            metadata["resourceVersion"] = latest.Metadata.ResourceVersion;
            try
            {
                return part == ObjectPart.Status
                    ? await PatchStatusAsync(key, patch, cancellationToken).ConfigureAwait(false)
                    : await PatchAsync(key, patch, cancellationToken).ConfigureAwait(false);
            }
            catch (NotFoundException)
            {
                return null;
            }
            catch (ConflictException) when (attempt < ConflictAttempts)
            {
                latest = await GetAsync(key, cancellationToken).ConfigureAwait(false);
                if (latest is null)
                {
                    return null;
                }
            }
        }
    }

    private static JsonObject? PartPatch(JsonObject before, JsonObject after, ObjectPart part)
    {
        if (part == ObjectPart.Status)
        {
            var status = MergePatch.Create(before["status"], after["status"]);
            return status is null && JsonNode.DeepEquals(before["status"], after["status"]) ? null : new JsonObject { ["status"] = status };
        }

        before.Remove("status");
        after.Remove("status");
        return MergePatch.Create(before, after) as JsonObject;
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

    private enum ObjectPart
    {
        MetadataAndSpec,
        Status,
    }
}
