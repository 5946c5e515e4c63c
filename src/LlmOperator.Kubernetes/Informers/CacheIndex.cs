using k8s;
using k8s.Models;
using LlmOperator.Kubernetes.Access;

namespace LlmOperator.Kubernetes.Informers;

/// <summary>
/// A secondary index of an informer cache (as client-go's indexers and controller-runtime's field indexes): the
/// keys an object is found under, such as the model a ModelDeployment names as its fallback. A cache builds an
/// index the first time it is read and keeps it current from then on, so that "which objects name X" costs a
/// lookup instead of a scan of the namespace, which at 10,000 objects made each event's handler quadratic.
/// </summary>
/// <typeparam name="T">The kind of the indexed objects.</typeparam>
/// <param name="name">What the index finds, for diagnostics.</param>
/// <param name="keys">The keys an object is found under; none leaves it out of the index.</param>
public sealed class CacheIndex<T>(string name, Func<T, IEnumerable<ObjectKey>> keys)
    where T : class, IKubernetesObject<V1ObjectMeta>
{
    /// <summary>What the index finds.</summary>
    public string Name { get; } = name;

    /// <summary>The keys <paramref name="obj"/> is found under.</summary>
    public IEnumerable<ObjectKey> KeysOf(T obj) => keys(obj);

    /// <inheritdoc />
    public override string ToString() => Name;
}
