using k8s;
using k8s.Models;
using LlmOperator.Kubernetes.Access;
using LlmOperator.Kubernetes.Informers;

namespace LlmOperator.Kubernetes.Reconciling;

/// <summary>
/// Describes a controller of <typeparamref name="T"/>: what it watches besides its own kind and how each
/// change maps to keys of <typeparamref name="T"/>, how many workers it runs, and whether updates that
/// leave the generation alone are dropped.
/// </summary>
public sealed class ControllerBuilder<T>
    where T : class, IKubernetesObject<V1ObjectMeta>
{
    private readonly List<Action<SharedInformers, Action<ObjectKey>>> _sources = [];

    internal ControllerBuilder()
    {
        Name = ResourceKind.Of<T>().Kind.ToLowerInvariant();
    }

    /// <summary>The controller's name in logs, traces and metrics; the kind in lower case by default.</summary>
    public string Name { get; set; }

    /// <summary>How many keys it reconciles at once; null takes the operator's <c>WorkersPerController</c>.</summary>
    public int? Workers { get; set; }

    /// <summary>
    /// Whether updates of <typeparamref name="T"/> that leave its generation (spec), deletion, finalizers,
    /// labels and annotations alone are dropped (on by default: they are mostly our own status writes).
    /// Turn it off for a kind whose status others write and the controller must react to; its own status
    /// writes (through <see cref="ResourceClientExtensions.WriteStatusAsync{T}"/>) still wake no reconcile.
    /// </summary>
    public bool FilterByGeneration { get; set; } = true;

    internal IReadOnlyList<Action<SharedInformers, Action<ObjectKey>>> Sources => _sources;

    /// <summary>Reconciles the owner when an object of <typeparamref name="TOwned"/> that it controls changes.</summary>
    public ControllerBuilder<T> Owns<TOwned>()
        where TOwned : class, IKubernetesObject<V1ObjectMeta>
    {
        var ownerKind = ResourceKind.Of<T>();
        return Watches<TOwned>(child => ChangeFilters.ControllerOwnerKey(child, ownerKind) is { } key ? [key] : []);
    }

    /// <summary>
    /// Keeps a cache of <typeparamref name="TRead"/> that the reconciler reads through
    /// <see cref="InformerCaches"/>, without reconciling on its changes.
    /// </summary>
    public ControllerBuilder<T> Reads<TRead>()
        where TRead : class, IKubernetesObject<V1ObjectMeta>
    {
        _sources.Add((informers, _) => informers.Get<TRead>());
        return this;
    }

    /// <summary>Reconciles the keys <paramref name="map"/> gives for each changed object of <typeparamref name="TOther"/>.</summary>
    public ControllerBuilder<T> Watches<TOther>(Func<TOther, IEnumerable<ObjectKey>> map)
        where TOther : class, IKubernetesObject<V1ObjectMeta>
    {
        ArgumentNullException.ThrowIfNull(map);
        return Watches<TOther>((obj, _) => map(obj));
    }

    /// <summary>
    /// Reconciles the keys <paramref name="map"/> gives for each changed object of <typeparamref name="TOther"/>,
    /// when finding them needs the caches (for example every object of <typeparamref name="T"/> that names it).
    /// </summary>
    public ControllerBuilder<T> Watches<TOther>(Func<TOther, SharedInformers, IEnumerable<ObjectKey>> map)
        where TOther : class, IKubernetesObject<V1ObjectMeta>
    {
        ArgumentNullException.ThrowIfNull(map);
        return Watches(null, map);
    }

    /// <summary>
    /// Like <see cref="Watches{TOther}(Func{TOther, SharedInformers, IEnumerable{ObjectKey}})"/> for the objects
    /// of <typeparamref name="TOther"/> that match <paramref name="labelSelector"/> only: the informer lists,
    /// watches and caches no others, which matters for kinds that are many in a cluster (ConfigMaps).
    /// The reconciler reads that cache with <see cref="InformerCaches.Of{T}(string?)"/> and the same selector.
    /// </summary>
    public ControllerBuilder<T> Watches<TOther>(string? labelSelector, Func<TOther, SharedInformers, IEnumerable<ObjectKey>> map)
        where TOther : class, IKubernetesObject<V1ObjectMeta>
    {
        ArgumentNullException.ThrowIfNull(map);
        _sources.Add((informers, enqueue) => informers.Get<TOther>(labelSelector).Subscribe(change =>
        {
            foreach (var key in new[] { change.Old, change.New }.OfType<TOther>().SelectMany(o => map(o, informers)).Distinct())
            {
                enqueue(key);
            }
        }));
        return this;
    }
}
