using k8s;
using k8s.Models;
using LlmOperator.Kubernetes.Access;

namespace LlmOperator.Kubernetes.Reconciling;

/// <summary>The status write that settles a reconcile, or tells that its plan is void.</summary>
public static class StatusWriteExtensions
{
    /// <summary>
    /// Writes <paramref name="status"/> over <paramref name="read"/> (see
    /// <see cref="ResourceClientExtensions.WriteStatusAsync{T}"/>). Returns null when the status is written
    /// or unchanged, so the reconcile goes on; otherwise the result it ends with:
    /// <see cref="ReconcileResult.AfterConflict"/> when the object changed since it was read (the plan is
    /// made again from the newer one), <see cref="ReconcileResult.Done"/> when it no longer exists.
    /// </summary>
    public static async Task<ReconcileResult?> WriteStatusOrEndAsync<T>(
        this IResourceClient<T> client, T read, object status, CancellationToken cancellationToken)
        where T : class, IKubernetesObject<V1ObjectMeta>
    {
        try
        {
            await client.WriteStatusAsync(read, status, cancellationToken).ConfigureAwait(false);
            return null;
        }
        catch (ConflictException)
        {
            return ReconcileResult.AfterConflict;
        }
        catch (NotFoundException)
        {
            return ReconcileResult.Done;
        }
    }
}
