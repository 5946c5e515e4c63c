using System.Diagnostics.CodeAnalysis;
using OpenTelemetry.Metrics;

namespace LlmOperator.Kubernetes.Telemetry;

/// <summary>
/// One scrape of /metrics, in Prometheus' text format: the OpenTelemetry metrics, collected through a reader of their own
/// (<see cref="Reader"/>, which the meter provider is given), then the registered <see cref="IObjectMetrics"/>.
/// </summary>
[SuppressMessage("Reliability", "CA1001", Justification = "The meter provider disposes the reader, and the reader its exporter.")]
internal sealed class MetricsScrape
{
    // A collection that waits this long on the SDK gives up rather than hold the scrape.
    private const int CollectTimeoutMilliseconds = 10_000;

    private readonly PrometheusMetricExporter _exporter = new();
    private readonly IEnumerable<IObjectMetrics> _sources;
    private readonly Lock _collecting = new();

    /// <summary>A scrape of the meter provider that <see cref="Reader"/> is added to and of <paramref name="sources"/>.</summary>
    public MetricsScrape(IEnumerable<IObjectMetrics> sources)
    {
        _sources = sources;
        Reader = new BaseExportingMetricReader(_exporter);
    }

    /// <summary>The reader to add to the meter provider; the provider owns it (and its exporter) from then on.</summary>
    public MetricReader Reader { get; }

    /// <summary>Writes the metrics onto <paramref name="text"/>.</summary>
    public void WriteTo(TextWriter text)
    {
        var writer = new PrometheusTextWriter(text);
        // The exporter has one target: scrapes that come together collect one after the other.
        lock (_collecting)
        {
            _exporter.Target = writer;
            try
            {
                // Set by the reader: a pull exporter's reader collects only when asked through it.
                _exporter.Collect!(CollectTimeoutMilliseconds);
            }
            finally
            {
                _exporter.Target = null;
            }
        }

        foreach (var source in _sources)
        {
            source.WriteTo(writer);
        }
    }
}
