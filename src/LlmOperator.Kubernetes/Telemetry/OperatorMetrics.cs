using System.Diagnostics.Metrics;

namespace LlmOperator.Kubernetes.Telemetry;

/// <summary>
/// The runtime's metrics: reconcile duration and results, work queue depth, latency and retries, and
/// watch restarts, and the requests made to the API server. Exported with the meter <see cref="MeterName"/>.
/// </summary>
public sealed class OperatorMetrics
{
    /// <summary>The name of the meter every instrument belongs to.</summary>
    public const string MeterName = "LlmOperator.Kubernetes";

    // Reconciles and queue waits take milliseconds to seconds. Without advice the SDK's default buckets (0, 5, 10, 25, ... 10,000)
    // assume milliseconds: every reconcile fell under 5 s, and a p95 read from them was about 4.75 s whatever the reconciles took.
    private static readonly InstrumentAdvice<double> SecondsBuckets = new()
    {
        HistogramBucketBoundaries = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60],
    };

    /// <summary>Creates the instruments on a meter from <paramref name="meterFactory"/>.</summary>
    public OperatorMetrics(IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        var meter = meterFactory.Create(MeterName);
        ReconcileDuration = meter.CreateHistogram<double>("llmop.reconcile.duration", "s", "How long one reconcile took.", advice: SecondsBuckets);
        ReconcileResults = meter.CreateCounter<long>(
            "llmop.reconcile.results",
            "{reconcile}",
            "Reconciles by controller and result (done, requeue_after, error, terminal_error).");
        QueueDepth = meter.CreateUpDownCounter<long>("llmop.workqueue.depth", "{key}", "Keys waiting in a controller's work queue.");
        QueueLatency = meter.CreateHistogram<double>(
            "llmop.workqueue.queue_duration", "s", "How long a key waited in the queue before a worker took it.", advice: SecondsBuckets);
        QueueRetries = meter.CreateCounter<long>("llmop.workqueue.retries", "{retry}", "Keys put back with a rate-limited delay after an error.");
        WatchRestarts = meter.CreateCounter<long>(
            "llmop.watch.restarts",
            "{restart}",
            "Watches started again, by kind and reason (closed, gone, error, idle).");
        ApiRequests = meter.CreateCounter<long>(
            "llmop.api.requests",
            "{request}",
            "Requests to the Kubernetes API server, by verb (get, list, watch, create, update, patch, delete) and resource.");
    }

    /// <summary>llmop.reconcile.duration, in seconds, tagged controller and result.</summary>
    public Histogram<double> ReconcileDuration { get; }

    /// <summary>llmop.reconcile.results, tagged controller and result.</summary>
    public Counter<long> ReconcileResults { get; }

    /// <summary>llmop.workqueue.depth, tagged name.</summary>
    public UpDownCounter<long> QueueDepth { get; }

    /// <summary>llmop.workqueue.queue_duration, in seconds, tagged name.</summary>
    public Histogram<double> QueueLatency { get; }

    /// <summary>llmop.workqueue.retries, tagged name.</summary>
    public Counter<long> QueueRetries { get; }

    /// <summary>llmop.watch.restarts, tagged kind and reason.</summary>
    public Counter<long> WatchRestarts { get; }

    /// <summary>llmop.api.requests, tagged verb and resource (with its subresource, as in modeldeployments/status).</summary>
    public Counter<long> ApiRequests { get; }
}
