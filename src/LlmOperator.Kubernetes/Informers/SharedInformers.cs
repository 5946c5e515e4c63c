using k8s;
using k8s.Models;
using LlmOperator.Kubernetes.Access;
using LlmOperator.Kubernetes.Telemetry;
using Microsoft.Extensions.Logging;

namespace LlmOperator.Kubernetes.Informers;

/// <summary>
/// One informer per kind (and label selector), shared by every controller that watches it, so a kind is
/// listed and watched once however many controllers read it. A label selector keeps a cache small when a
/// controller needs only its own objects of a common kind (ConfigMaps, say).
/// </summary>
public sealed class SharedInformers
{
    private readonly Lock _gate = new();
    private readonly Dictionary<(Type Kind, string? LabelSelector), IInformer> _informers = [];
    private readonly IKubernetes _kubernetes;
    private readonly IReadOnlyCollection<string> _namespaces;
    private readonly ReflectorOptions _options;
    private readonly TimeProvider _time;
    private readonly OperatorMetrics? _metrics;
    private readonly ILoggerFactory _loggers;

    /// <summary>Creates the set for the namespaces given (all when empty).</summary>
    public SharedInformers(
        IKubernetes kubernetes, IReadOnlyCollection<string> namespaces, ReflectorOptions options, TimeProvider time, OperatorMetrics? metrics,
        ILoggerFactory loggers)
    {
        ArgumentNullException.ThrowIfNull(kubernetes);
        ArgumentNullException.ThrowIfNull(namespaces);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(loggers);
        _kubernetes = kubernetes;
        _namespaces = namespaces;
        _options = options;
        _time = time;
        _metrics = metrics;
        _loggers = loggers;
    }

    /// <summary>Every informer created so far.</summary>
    public IReadOnlyList<IInformer> All
    {
        get
        {
            lock (_gate)
            {
                return [.. _informers.Values];
            }
        }
    }

    /// <summary>Whether every informer has listed once.</summary>
    public bool HasSynced => All.All(i => i.HasSynced);

    /// <summary>
    /// The informer of <typeparamref name="T"/> (of the objects matching <paramref name="labelSelector"/>, when given), created on
    /// first use.
    /// </summary>
    public Informer<T> Get<T>(string? labelSelector = null)
        where T : class, IKubernetesObject<V1ObjectMeta>
    {
        lock (_gate)
        {
            if (!_informers.TryGetValue((typeof(T), labelSelector), out var informer))
            {
                informer = new Informer<T>(
                    new ResourceClient<T>(_kubernetes), _namespaces, _options, _time, _metrics,
                    _loggers.CreateLogger<Informer<T>>(), labelSelector);
                _informers[(typeof(T), labelSelector)] = informer;
            }

            return (Informer<T>)informer;
        }
    }

    /// <summary>The informer of <typeparamref name="T"/> (with <paramref name="labelSelector"/>) if one was created, else null.</summary>
    public Informer<T>? Find<T>(string? labelSelector = null)
        where T : class, IKubernetesObject<V1ObjectMeta>
    {
        lock (_gate)
        {
            return _informers.GetValueOrDefault((typeof(T), labelSelector)) as Informer<T>;
        }
    }

    /// <summary>Runs every informer until cancelled.</summary>
    public Task RunAsync(CancellationToken cancellationToken) => Task.WhenAll(All.Select(i => i.RunAsync(cancellationToken)));
}
