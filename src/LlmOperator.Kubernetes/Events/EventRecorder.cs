using System.Text.Json.Nodes;
using k8s;
using k8s.Models;
using LlmOperator.Kubernetes.Access;
using Microsoft.Extensions.Logging;

namespace LlmOperator.Kubernetes.Events;

/// <summary>
/// Writes core/v1 Events (what <c>kubectl describe</c> shows), aggregating repeats into one Event with a
/// count and a last timestamp, patched by merge patch.
/// </summary>
internal sealed partial class EventRecorder : IEventRecorder
{
    private readonly IResourceClient<Corev1Event> _events;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly EventAggregator _aggregator = new();
    private readonly string _component;
    private readonly string _instance;

    /// <summary>
    /// Creates a recorder that writes through <paramref name="events"/> and reports as <paramref name="component"/> from
    /// <paramref name="instance"/>.
    /// </summary>
    public EventRecorder(
        IResourceClient<Corev1Event> events, TimeProvider time, ILogger<EventRecorder> logger,
        string component = "llm-operator", string? instance = null)
    {
        ArgumentNullException.ThrowIfNull(events);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(logger);
        _events = events;
        _time = time;
        _logger = logger;
        _component = component;
        _instance = instance ?? Environment.MachineName;
    }

    /// <inheritdoc />
    public async Task RecordAsync(IKubernetesObject<V1ObjectMeta> regarding, string type, string reason, string message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(regarding);
        var now = _time.GetUtcNow();
        var ns = string.IsNullOrEmpty(regarding.Metadata.NamespaceProperty) ? "default" : regarding.Metadata.NamespaceProperty;
        var key = EventAggregator.KeyOf(regarding.Metadata.Uid ?? ObjectKey.Of(regarding).ToString(), type, reason, message);
        var (series, isNew) = _aggregator.Observe(key, () => new EventSeries(ns, $"{regarding.Metadata.Name}.{Guid.NewGuid().ToString("N")[..16]}", 1, now));
        try
        {
            if (isNew)
            {
                await CreateAsync(regarding, series, type, reason, message, now, cancellationToken).ConfigureAwait(false);
                return;
            }

            var patch = new JsonObject
            {
                ["count"] = series.Count,
                ["lastTimestamp"] = now.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture),
            };
            try
            {
                await _events.PatchAsync(new ObjectKey(series.Namespace, series.Name), patch, cancellationToken).ConfigureAwait(false);
            }
            catch (NotFoundException)
            {
                // The Event expired (the API server keeps them an hour): start a new series.
                _aggregator.Forget(key);
                await RecordAsync(regarding, type, reason, message, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (Exception e) when ((e is KubernetesApiException or HttpRequestException or TaskCanceledException) && !cancellationToken.IsCancellationRequested)
        {
            LogFailed(_logger, e, reason, ObjectKey.Of(regarding).ToString());
        }
    }

    private Task<Corev1Event> CreateAsync(
        IKubernetesObject<V1ObjectMeta> regarding, EventSeries series, string type, string reason, string message, DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        var kind = string.IsNullOrEmpty(regarding.Kind) ? ResourceKind.Of(regarding.GetType()) : null;
        var body = new Corev1Event
        {
            ApiVersion = "v1",
            Kind = "Event",
            Metadata = new V1ObjectMeta { Name = series.Name, NamespaceProperty = series.Namespace },
            InvolvedObject = new V1ObjectReference
            {
                ApiVersion = kind?.ApiVersion ?? regarding.ApiVersion,
                Kind = kind?.Kind ?? regarding.Kind,
                Name = regarding.Metadata.Name,
                NamespaceProperty = regarding.Metadata.NamespaceProperty,
                Uid = regarding.Metadata.Uid,
                ResourceVersion = regarding.Metadata.ResourceVersion,
            },
            Type = type,
            Reason = reason,
            Message = message,
            Count = 1,
            FirstTimestamp = now.UtcDateTime,
            LastTimestamp = now.UtcDateTime,
            Source = new V1EventSource { Component = _component },
            ReportingComponent = _component,
            ReportingInstance = _instance,
        };
        return _events.CreateAsync(body, cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not record event {Reason} about {Key}")]
    private static partial void LogFailed(ILogger logger, Exception exception, string reason, string key);
}
