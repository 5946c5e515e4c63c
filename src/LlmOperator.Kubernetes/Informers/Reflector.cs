using k8s;
using k8s.Models;
using LlmOperator.Kubernetes.Access;
using LlmOperator.Kubernetes.Telemetry;
using Microsoft.Extensions.Logging;

namespace LlmOperator.Kubernetes.Informers;

/// <summary>
/// Keeps an <see cref="InformerCache{T}"/> in step with the API for one namespace (or all): LIST, then
/// WATCH from the list's resourceVersion with bookmarks and a server-side timeout; re-watch from the last
/// version seen when a watch ends; re-list on 410 Gone; back off with jitter on errors (honouring
/// Retry-After); restart a watch that has gone silent.
/// </summary>
internal sealed partial class Reflector<T>
    where T : class, IKubernetesObject<V1ObjectMeta>
{
    private readonly IResourceClient<T> _client;
    private readonly string? _namespace;
    private readonly InformerCache<T> _cache;
    private readonly Action<CacheChange<T>> _notify;
    private readonly ReflectorOptions _options;
    private readonly TimeProvider _time;
    private readonly OperatorMetrics? _metrics;
    private readonly ILogger _logger;
    private readonly string? _labelSelector;
    private volatile bool _synced;

    /// <summary>
    /// Creates a reflector that fills <paramref name="cache"/> and reports each change to <paramref name="notify"/>;
    /// with <paramref name="labelSelector"/>, only the objects that match it.
    /// </summary>
    public Reflector(
        IResourceClient<T> client, string? @namespace, InformerCache<T> cache, Action<CacheChange<T>> notify,
        ReflectorOptions options, TimeProvider time, OperatorMetrics? metrics, ILogger logger, string? labelSelector = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(cache);
        ArgumentNullException.ThrowIfNull(notify);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(logger);
        _client = client;
        _namespace = @namespace;
        _cache = cache;
        _notify = notify;
        _options = options;
        _time = time;
        _metrics = metrics;
        _logger = logger;
        _labelSelector = labelSelector;
    }

    /// <summary>Whether the first list has been loaded into the cache.</summary>
    public bool HasSynced => _synced;

    private string Scope => _namespace ?? "all namespaces";

    /// <summary>Lists and watches until cancelled.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var backoff = new JitteredBackoff(_options.InitialBackoff, _options.MaxBackoff);
        string? resourceVersion = null;
        while (!cancellationToken.IsCancellationRequested)
        {
            TimeSpan? retryIn = null;
            try
            {
                if (resourceVersion is null)
                {
                    resourceVersion = await ListAsync(cancellationToken).ConfigureAwait(false);
                    backoff.Reset();
                }

                var (version, idle, delivered) = await WatchAsync(resourceVersion, cancellationToken).ConfigureAwait(false);
                resourceVersion = version;
                if (delivered)
                {
                    backoff.Reset();
                }

                Restarted(idle ? "idle" : "closed");
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                break;
            }
            catch (GoneException)
            {
                // The history we would watch from is compacted: list again. The cache turns the new list into
                // only the changes we missed, so nothing is lost and unchanged objects are not reported twice.
                LogGone(_logger, _client.Kind.Kind, Scope, resourceVersion);
                resourceVersion = null;
                Restarted("gone");
            }
            catch (Exception e)
            {
                // Whatever fails (the API, the network, a handler), the informer keeps going: back off, try again.
                retryIn = backoff.Next();
                if (e is KubernetesApiException { RetryAfter: { } retryAfter } && retryAfter > retryIn)
                {
                    retryIn = retryAfter;
                }

                LogFailed(_logger, e, _client.Kind.Kind, Scope, retryIn.Value);
                Restarted("error");
            }

            if (retryIn is { } delay && !await DelayAsync(delay, cancellationToken).ConfigureAwait(false))
            {
                break;
            }
        }
    }

    private async Task<bool> DelayAsync(TimeSpan delay, CancellationToken cancellationToken)
    {
        try
        {
            await Task.Delay(delay, _time, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }

    private async Task<string> ListAsync(CancellationToken cancellationToken)
    {
        var list = await _client.ListAsync(_namespace, _labelSelector, cancellationToken).ConfigureAwait(false);
        foreach (var change in _cache.Replace(_namespace, [.. list.Items.Select(Cached)]))
        {
            _notify(change);
        }

        _synced = true;
        LogListed(_logger, _client.Kind.Kind, Scope, list.Items.Count, list.ResourceVersion);
        return list.ResourceVersion;
    }

    private async Task<(string ResourceVersion, bool Idle, bool Delivered)> WatchAsync(string resourceVersion, CancellationToken cancellationToken)
    {
        using var watch = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var idle = false;
        using var watchdog = _time.CreateTimer(_ => { idle = true; watch.Cancel(); }, null, _options.IdleTimeout, Timeout.InfiniteTimeSpan);
        var timeout = _options.WatchTimeout * (1 + Random.Shared.NextDouble());
        var delivered = false;
        try
        {
            await foreach (var (type, obj) in _client.WatchAsync(_namespace, _labelSelector, resourceVersion, timeout, watch.Token).ConfigureAwait(false))
            {
                watchdog.Change(_options.IdleTimeout, Timeout.InfiniteTimeSpan);
                delivered = true;
                resourceVersion = obj.Metadata?.ResourceVersion is { Length: > 0 } version ? version : resourceVersion;
                if (type is WatchEventType.Bookmark or WatchEventType.Error)
                {
                    continue;
                }

                if (_cache.Apply(type, Cached(obj)) is { } change)
                {
                    _notify(change);
                }
            }
        }
        catch (OperationCanceledException) when (idle && !cancellationToken.IsCancellationRequested)
        {
            LogIdle(_logger, _client.Kind.Kind, Scope, _options.IdleTimeout);
        }

        return (resourceVersion, idle, delivered);
    }

    private T Cached(T obj) => _options.Cached(obj, _cache.Get(ObjectKey.Of(obj)));

    private void Restarted(string reason) =>
        _metrics?.WatchRestarts.Add(1, new KeyValuePair<string, object?>("kind", _client.Kind.Kind), new KeyValuePair<string, object?>("reason", reason));

    [LoggerMessage(Level = LogLevel.Debug, Message = "Listed {Count} {Kind} in {Scope} at resourceVersion {ResourceVersion}")]
    private static partial void LogListed(ILogger logger, string kind, string scope, int count, string resourceVersion);

    [LoggerMessage(
        Level = LogLevel.Information,
        Message = "Watch of {Kind} in {Scope} from resourceVersion {ResourceVersion} is too old (410 Gone): listing again")]
    private static partial void LogGone(ILogger logger, string kind, string scope, string? resourceVersion);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Watch of {Kind} in {Scope} was silent for {IdleTimeout}: starting it again")]
    private static partial void LogIdle(ILogger logger, string kind, string scope, TimeSpan idleTimeout);

    [LoggerMessage(Level = LogLevel.Warning, Message = "List or watch of {Kind} in {Scope} failed; trying again in {Delay}")]
    private static partial void LogFailed(ILogger logger, Exception exception, string kind, string scope, TimeSpan delay);
}
