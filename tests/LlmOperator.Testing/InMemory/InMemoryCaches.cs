using System.Text.Json.Nodes;
using k8s;
using k8s.Models;
using LlmOperator.Kubernetes.Access;
using LlmOperator.Kubernetes.Hosting;
using LlmOperator.Kubernetes.Informers;

namespace LlmOperator.Testing.InMemory;

/// <summary>
/// The informer caches reconcilers read (<see cref="InformerCaches"/>) over an <see cref="InMemoryCluster"/>,
/// brought up to date only when a test calls <see cref="Sync"/>: between two syncs the caches lag the
/// cluster as they do behind a watch, so a test can reconcile from a stale cache on purpose.
/// </summary>
public sealed class InMemoryCaches
{
    private readonly InMemoryCluster _cluster;
    private readonly List<(ResourceKind Kind, string? Selector, Action<WatchEventType, JsonObject> Apply)> _caches = [];

    public InMemoryCaches(InMemoryCluster cluster)
    {
        _cluster = cluster;
        Informers = UnconnectedInformers.Create();
        var state = new OperatorState();
        state.Lead(Informers);
        Caches = new InformerCaches(state);
    }

    /// <summary>The term's informers (never connected): what term memories subscribe to.</summary>
    public SharedInformers Informers { get; }

    /// <summary>What reconcilers read.</summary>
    public InformerCaches Caches { get; }

    /// <summary>Keeps a cache of <typeparamref name="T"/> (of the objects matching <paramref name="labelSelector"/> when given).</summary>
    public InMemoryCaches Watch<T>(string? labelSelector = null)
        where T : class, IKubernetesObject<V1ObjectMeta>
    {
        var cache = Informers.Get<T>(labelSelector).Cache;
        _caches.Add((ResourceKind.Of<T>(), labelSelector, (type, obj) =>
        {
            var typed = KubernetesJson.Deserialize<T>(obj.ToJsonString());
            cache.Apply(LabelSelectors.Matches(obj, labelSelector) ? type : WatchEventType.Deleted, typed);
        }
        ));
        return this;
    }

    /// <summary>Brings every cache up to date with the cluster, as the watches would.</summary>
    public void Sync()
    {
        foreach (var (kind, type, obj) in _cluster.TakeChanges())
        {
            foreach (var cache in _caches.Where(c => c.Kind == kind))
            {
                cache.Apply(type, obj);
            }
        }
    }
}
