using k8s;
using k8s.Models;

namespace LlmOperator.Kubernetes.Reconciling;

/// <summary>
/// Brings the world in line with one object of <typeparamref name="T"/>. It is called with a key
/// whenever the object or something it owns changes (several changes may collapse into one call), is
/// never called twice at once for the same key, and must be level-triggered: decide from what is, not
/// from what changed.
/// </summary>
public interface IReconciler<T>
    where T : class, IKubernetesObject<V1ObjectMeta>
{
    /// <summary>Reconciles one object; throwing counts as <see cref="ReconcileResult.Error(Exception)"/>.</summary>
    Task<ReconcileResult> ReconcileAsync(ReconcileRequest<T> request, CancellationToken cancellationToken);
}
