using k8s;
using k8s.Models;
using LlmOperator.Kubernetes.Access;
using LlmOperator.Kubernetes.Hosting;

namespace LlmOperator.Kubernetes.Informers;

/// <summary>
/// What reconcilers read instead of the API: the caches of the current term's informers. Only kinds a
/// controller declared (its own, and those it owns, watches or reads) have one, so that every cache a
/// reconciler reads is listed and watched before the first reconcile.
/// </summary>
public sealed class InformerCaches(OperatorState state)
{
    /// <summary>
    /// The cache of <typeparamref name="T"/>, or of its objects that match <paramref name="labelSelector"/> when a controller
    /// watches them so.
    /// </summary>
    /// <exception cref="InvalidOperationException">Outside a term, or when no controller declared the kind (with that selector).</exception>
    public InformerCache<T> Of<T>(string? labelSelector = null)
        where T : class, IKubernetesObject<V1ObjectMeta>
    {
        var informers = state.Informers ?? throw new InvalidOperationException("The controllers are not running: there are no caches to read.");
        return informers.Find<T>(labelSelector)?.Cache
            ?? throw new InvalidOperationException(labelSelector is null
                ? $"No controller declared {ResourceKind.Of<T>()}: add it with Owns, Watches or Reads."
                : $"No controller watches {ResourceKind.Of<T>()} with the label selector {labelSelector}.");
    }
}
