using k8s;
using k8s.Models;

namespace LlmOperator.Kubernetes.Access;

/// <summary>Finalizers, added and removed by merge patch so that other writers' finalizers survive a conflict.</summary>
public static class Finalizers
{
    /// <summary>Whether the object carries the finalizer.</summary>
    public static bool Has(IKubernetesObject<V1ObjectMeta> obj, string finalizer)
    {
        ArgumentNullException.ThrowIfNull(obj);
        return obj.Metadata?.Finalizers?.Contains(finalizer, StringComparer.Ordinal) == true;
    }

    /// <summary>Whether the object is being deleted (it has a deletionTimestamp and waits for its finalizers).</summary>
    public static bool IsBeingDeleted(IKubernetesObject<V1ObjectMeta> obj)
    {
        ArgumentNullException.ThrowIfNull(obj);
        return obj.Metadata?.DeletionTimestamp is not null;
    }

    /// <summary>Adds the finalizer unless present; returns the object as written, or null when it is gone.</summary>
    public static Task<T?> AddFinalizerAsync<T>(this ResourceClient<T> client, T obj, string finalizer, CancellationToken cancellationToken)
        where T : class, IKubernetesObject<V1ObjectMeta>
    {
        ArgumentNullException.ThrowIfNull(client);
        return client.UpdateAsync(obj, o =>
        {
            if (!Has(o, finalizer))
            {
                o.Metadata.Finalizers = [.. o.Metadata.Finalizers ?? [], finalizer];
            }
        }, cancellationToken);
    }

    /// <summary>Removes the finalizer if present; returns the object as written, or null when it is gone (deleted at once).</summary>
    public static Task<T?> RemoveFinalizerAsync<T>(this ResourceClient<T> client, T obj, string finalizer, CancellationToken cancellationToken)
        where T : class, IKubernetesObject<V1ObjectMeta>
    {
        ArgumentNullException.ThrowIfNull(client);
        return client.UpdateAsync(obj, o => o.Metadata.Finalizers = [.. (o.Metadata.Finalizers ?? []).Where(f => f != finalizer)], cancellationToken);
    }
}
