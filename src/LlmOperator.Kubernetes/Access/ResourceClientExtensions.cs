using System.Text.Json.Nodes;
using k8s;
using k8s.Models;

namespace LlmOperator.Kubernetes.Access;

/// <summary>
/// What the operator builds on an <see cref="IResourceClient{T}"/>'s calls, the same whatever serves them:
/// writes to existing objects are merge patches of what changed, pinned to the resourceVersion that was
/// read, so objects the operator did not create are never PUT and a change made meanwhile is a conflict.
/// </summary>
public static class ResourceClientExtensions
{
    /// <summary>How many times an edit of a changed object is re-read and tried again after a conflict.</summary>
    public const int ConflictAttempts = 5;

    /// <summary>Watches every object of a namespace (or of all) from <paramref name="resourceVersion"/>.</summary>
    public static IAsyncEnumerable<(WatchEventType Type, T Object)> WatchAsync<T>(
        this IResourceClient<T> client, string? @namespace, string resourceVersion, TimeSpan timeout, CancellationToken cancellationToken)
        where T : class, IKubernetesObject<V1ObjectMeta>
    {
        ArgumentNullException.ThrowIfNull(client);
        return client.WatchAsync(@namespace, null, resourceVersion, timeout, cancellationToken);
    }

    /// <summary>
    /// Creates an object unless one of that name exists (made, say, by an earlier reconcile whose watch
    /// event has not arrived yet); returns whether this call created it.
    /// </summary>
    public static async Task<bool> CreateIfMissingAsync<T>(this IResourceClient<T> client, T obj, CancellationToken cancellationToken)
        where T : class, IKubernetesObject<V1ObjectMeta>
    {
        ArgumentNullException.ThrowIfNull(client);
        try
        {
            await client.CreateAsync(obj, cancellationToken).ConfigureAwait(false);
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
    public static async Task<T?> WriteStatusAsync<T>(this IResourceClient<T> client, T read, object status, CancellationToken cancellationToken)
        where T : class, IKubernetesObject<V1ObjectMeta>
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(read);
        ArgumentNullException.ThrowIfNull(status);
        var before = JsonNode.Parse(KubernetesJson.Serialize(read))?["status"];
        if (MergePatch.Create(before, JsonNode.Parse(KubernetesJson.Serialize(status))) is not { } change)
        {
            return null;
        }

        var patch = new JsonObject
        {
            ["metadata"] = new JsonObject { ["resourceVersion"] = read.Metadata.ResourceVersion },
            ["status"] = change,
        };
        return await client.PatchStatusAsync(ObjectKey.Of(read), patch, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Changes an object's metadata or spec: <paramref name="mutate"/> edits a copy of
    /// <paramref name="current"/>, and what it changed is sent as a merge patch pinned to the
    /// resourceVersion read. On a conflict the object is read again and the change re-applied. Returns
    /// the object as written (unchanged when the edit changed nothing), or null when it no longer exists.
    /// </summary>
    public static Task<T?> UpdateAsync<T>(this IResourceClient<T> client, T current, Action<T> mutate, CancellationToken cancellationToken)
        where T : class, IKubernetesObject<V1ObjectMeta> =>
        MutateAsync(client, current, mutate, status: false, cancellationToken);

    /// <summary>Like <see cref="UpdateAsync{T}"/> for the status subresource: only the changed status fields are sent.</summary>
    public static Task<T?> UpdateStatusAsync<T>(this IResourceClient<T> client, T current, Action<T> mutate, CancellationToken cancellationToken)
        where T : class, IKubernetesObject<V1ObjectMeta> =>
        MutateAsync(client, current, mutate, status: true, cancellationToken);

    private static async Task<T?> MutateAsync<T>(IResourceClient<T> client, T current, Action<T> mutate, bool status, CancellationToken cancellationToken)
        where T : class, IKubernetesObject<V1ObjectMeta>
    {
        ArgumentNullException.ThrowIfNull(client);
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
            if (PartPatch(before, after, status) is not { } patch)
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
                return status
                    ? await client.PatchStatusAsync(key, patch, cancellationToken).ConfigureAwait(false)
                    : await client.PatchAsync(key, patch, cancellationToken).ConfigureAwait(false);
            }
            catch (NotFoundException)
            {
                return null;
            }
            catch (ConflictException) when (attempt < ConflictAttempts)
            {
                latest = await client.GetAsync(key, cancellationToken).ConfigureAwait(false);
                if (latest is null)
                {
                    return null;
                }
            }
        }
    }

    private static JsonObject? PartPatch(JsonObject before, JsonObject after, bool status)
    {
        if (status)
        {
            var change = MergePatch.Create(before["status"], after["status"]);
            return change is null && JsonNode.DeepEquals(before["status"], after["status"]) ? null : new JsonObject { ["status"] = change };
        }

        before.Remove("status");
        after.Remove("status");
        return MergePatch.Create(before, after) as JsonObject;
    }
}
