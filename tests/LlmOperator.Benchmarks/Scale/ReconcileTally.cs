using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using LlmOperator.Kubernetes.Telemetry;

namespace LlmOperator.Benchmarks.Scale;

/// <summary>
/// Counts the reconciles of an operator running in this process, per controller, from the runtime's own
/// llmop.reconcile.results counter: the count the operator's metrics export, not a guess from outside.
/// </summary>
internal sealed class ReconcileTally : IDisposable
{
    private readonly ConcurrentDictionary<string, long> _counts = new(StringComparer.Ordinal);
    private readonly MeterListener _listener = new();

    public ReconcileTally()
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == OperatorMetrics.MeterName && instrument.Name == "llmop.reconcile.results")
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
        {
            foreach (var tag in tags)
            {
                if (tag.Key == "controller")
                {
                    _counts.AddOrUpdate(tag.Value as string ?? "", value, (_, n) => n + value);
                }
            }
        });
        _listener.Start();
    }

    /// <summary>Reconciles per controller so far.</summary>
    public IReadOnlyDictionary<string, long> Snapshot() => new Dictionary<string, long>(_counts, StringComparer.Ordinal);

    public void Dispose() => _listener.Dispose();
}
