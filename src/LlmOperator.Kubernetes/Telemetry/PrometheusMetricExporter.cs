using System.Globalization;
using OpenTelemetry;
using OpenTelemetry.Metrics;

namespace LlmOperator.Kubernetes.Telemetry;

/// <summary>
/// Writes the OpenTelemetry metrics into a scrape of /metrics (see <see cref="MetricsScrape"/>) as OpenTelemetry's Prometheus exporter
/// wrote them: families named by <see cref="PrometheusNames"/>, each sample labelled with its meter (otel_scope_name) and its
/// attributes, and the resource as the target_info gauge. A pull exporter: its reader collects only through <see cref="Collect"/>,
/// which a scrape calls, on the scrape's thread, and hands the batch here while <see cref="Target"/> is set.
/// </summary>
[ExportModes(ExportModes.Pull)]
internal sealed class PrometheusMetricExporter : BaseExporter<Metric>, IPullMetricExporter
{
    /// <inheritdoc />
    public Func<int, bool>? Collect { get; set; }

    /// <summary>Where the batch being collected goes; null outside a scrape (a flush at shutdown then goes nowhere).</summary>
    public PrometheusTextWriter? Target { get; set; }

    /// <inheritdoc />
    public override ExportResult Export(in Batch<Metric> batch)
    {
        if (Target is not { } writer)
        {
            return ExportResult.Success;
        }

        WriteTargetInfo(writer);
        foreach (var metric in batch)
        {
            Write(writer, metric);
        }

        return ExportResult.Success;
    }

    private void WriteTargetInfo(PrometheusTextWriter writer)
    {
        var attributes = ParentProvider?.GetResource().Attributes.ToList() ?? [];
        if (attributes.Count > 0)
        {
            var labels = attributes.Select(a => (PrometheusNames.Label(a.Key), (string?)LabelValue(a.Value))).ToArray();
            writer.Gauge("target_info", "Target metadata").Sample(1, labels);
        }
    }

    private static void Write(PrometheusTextWriter writer, Metric metric)
    {
        var counter = metric.MetricType is MetricType.LongSum or MetricType.DoubleSum;
        var name = PrometheusNames.Metric(metric.Name, metric.Unit, counter);
        var help = metric.Description;
        var family = metric.MetricType switch
        {
            MetricType.LongSum or MetricType.DoubleSum => writer.Counter(name, help),
            MetricType.LongSumNonMonotonic or MetricType.DoubleSumNonMonotonic or MetricType.LongGauge or MetricType.DoubleGauge => writer.Gauge(name, help),
            MetricType.Histogram => writer.Histogram(name, help),
            // The text format has no exponential histograms, and no view of the operator's asks for one.
            _ => null,
        };
        if (family is null)
        {
            return;
        }

        foreach (ref readonly var point in metric.GetMetricPoints())
        {
            // The meter's name, the point's attributes, and a histogram bucket's le last.
            var labels = new List<(string Name, string? Value)> { ("otel_scope_name", metric.MeterName) };
            if (!string.IsNullOrEmpty(metric.MeterVersion))
            {
                labels.Add(("otel_scope_version", metric.MeterVersion));
            }

            foreach (var tag in point.Tags)
            {
                labels.Add((PrometheusNames.Label(tag.Key), LabelValue(tag.Value)));
            }

            switch (metric.MetricType)
            {
                case MetricType.LongSum or MetricType.LongSumNonMonotonic:
                    family.Sample(point.GetSumLong(), [.. labels]);
                    break;
                case MetricType.DoubleSum or MetricType.DoubleSumNonMonotonic:
                    family.Sample(point.GetSumDouble(), [.. labels]);
                    break;
                case MetricType.LongGauge:
                    family.Sample(point.GetGaugeLastValueLong(), [.. labels]);
                    break;
                case MetricType.DoubleGauge:
                    family.Sample(point.GetGaugeLastValueDouble(), [.. labels]);
                    break;
                default:
                    WriteHistogram(family, point, labels);
                    break;
            }
        }
    }

    private static void WriteHistogram(MetricFamily family, in MetricPoint point, List<(string Name, string? Value)> labels)
    {
        (string Name, string? Value)[] bucketLabels = [.. labels, ("le", null)];
        long cumulative = 0;
        foreach (var bucket in point.GetHistogramBuckets())
        {
            cumulative += bucket.BucketCount;
            bucketLabels[^1].Value = PrometheusTextWriter.Number(bucket.ExplicitBound);
            family.Sample("_bucket", cumulative, bucketLabels);
        }

        family.Sample("_sum", point.GetHistogramSum(), [.. labels]);
        family.Sample("_count", point.GetHistogramCount(), [.. labels]);
    }

    // Attribute values as OpenTelemetry's exporter wrote them: booleans in lower case, numbers in the invariant culture.
    private static string LabelValue(object? value) => value switch
    {
        null => "",
        string text => text,
        bool flag => flag ? "true" : "false",
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };
}
