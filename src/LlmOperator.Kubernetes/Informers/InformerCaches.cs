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
    /// <summary>The cache of <typeparamref name="T"/>.</summary>
    /// <exception cref="InvalidOperationException">Outside a term, or when no controller declared the kind.</exception>
    public InformerCache<T> Of<T>()
        where T : class, IKubernetesObject<V1ObjectMeta>
    {
        var informers = state.Informers ?? throw new InvalidOperationException("The controllers are not running: there are no caches to read.");
        return informers.Find<T>()?.Cache
            ?? throw new InvalidOperationException($"No controller declared {ResourceKind.Of<T>()}: add it with Owns, Watches or Reads.");
    }
}
