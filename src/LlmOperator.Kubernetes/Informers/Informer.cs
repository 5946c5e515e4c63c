using k8s;
using k8s.Models;
using LlmOperator.Kubernetes.Access;
using LlmOperator.Kubernetes.Telemetry;
using Microsoft.Extensions.Logging;

namespace LlmOperator.Kubernetes.Informers;

/// <summary>
/// A cache of one kind kept current by one reflector per watched namespace (or one for the whole
/// cluster), and the handlers told of every change. Controllers read from its <see cref="Cache"/>
/// instead of the API.
/// </summary>
public sealed class Informer<T> : IInformer
    where T : class, IKubernetesObject<V1ObjectMeta>
{
    private readonly Lock _gate = new();
    private readonly List<Action<CacheChange<T>>> _handlers = [];
    private readonly IReadOnlyList<Reflector<T>> _reflectors;

    /// <summary>
    /// Creates an informer for the namespaces given (all when the list is empty); with
    /// <paramref name="labelSelector"/>, of the objects that match it only.
    /// </summary>
    public Informer(
        IResourceClient<T> client, IReadOnlyCollection<string> namespaces, ReflectorOptions options, TimeProvider time, OperatorMetrics? metrics,
        ILogger logger, string? labelSelector = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(namespaces);
        Kind = client.Kind;
        LabelSelector = labelSelector;
        IReadOnlyList<string?> scopes = namespaces.Count == 0 ? [null] : [.. namespaces];
        _reflectors = [.. scopes.Select(ns => new Reflector<T>(client, ns, Cache, Notify, options, time, metrics, logger, labelSelector))];
    }

    /// <inheritdoc />
    public ResourceKind Kind { get; }

    /// <summary>The label selector the objects must match, or null for every object of the kind.</summary>
    public string? LabelSelector { get; }

    /// <summary>The objects as last seen.</summary>
    public InformerCache<T> Cache { get; } = new();

    /// <inheritdoc />
    public bool HasSynced => _reflectors.All(r => r.HasSynced);

    /// <summary>
    /// Tells <paramref name="handler"/> of every change from now on, after telling it of every object
    /// already cached as added. Handlers run on the watch's task: they must be quick (queue a key).
    /// </summary>
    public void Subscribe(Action<CacheChange<T>> handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        lock (_gate)
        {
            _handlers.Add(handler);
        }

        foreach (var obj in Cache.List())
        {
            handler(new CacheChange<T>(null, obj));
        }
    }

    /// <inheritdoc />
    public Task RunAsync(CancellationToken cancellationToken) => Task.WhenAll(_reflectors.Select(r => r.RunAsync(cancellationToken)));

    private void Notify(CacheChange<T> change)
    {
        Action<CacheChange<T>>[] handlers;
        lock (_gate)
        {
            handlers = [.. _handlers];
        }

        foreach (var handler in handlers)
        {
            handler(change);
        }
    }
}
