using System.Buffers;
using System.Diagnostics;
using System.Globalization;

namespace LlmOperator.Kubernetes.Telemetry;

/// <summary>
/// Writes metric families in Prometheus' text exposition format (version 0.0.4): a family's HELP and TYPE lines, then its
/// samples, with label values and help escaped as the format requires. The operator's /metrics is written with it: its
/// OpenTelemetry instruments (<see cref="PrometheusMetricExporter"/>) and then the <see cref="IObjectMetrics"/>.
/// </summary>
public sealed class PrometheusTextWriter
{
    private static readonly SearchValues<char> Special = SearchValues.Create("\\\"\n");
    private readonly TextWriter _text;

    /// <summary>A writer onto <paramref name="text"/>.</summary>
    public PrometheusTextWriter(TextWriter text)
    {
        ArgumentNullException.ThrowIfNull(text);
        _text = text;
    }

    /// <summary>Starts the gauge family <paramref name="name"/> (a Prometheus metric name, such as llmop_rollout_phase).</summary>
    public MetricFamily Gauge(string name, string help) => Family(name, help, "gauge");

    /// <summary>
    /// Starts the counter family <paramref name="name"/>, whose name ends in _total as Prometheus names counters (such as
    /// llmop_rollout_decisions_total); each sample is the count since the operator started.
    /// </summary>
    public MetricFamily Counter(string name, string help)
    {
        if (name?.EndsWith("_total", StringComparison.Ordinal) != true)
        {
            throw new ArgumentException($"'{name}' does not end in _total, as a counter's name does.", nameof(name));
        }

        return Family(name, help, "counter");
    }

    /// <summary>
    /// Starts the histogram family <paramref name="name"/>: its samples are the series name_bucket (with an le label, cumulative),
    /// name_sum and name_count.
    /// </summary>
    internal MetricFamily Histogram(string name, string help) => Family(name, help, "histogram");

    private MetricFamily Family(string name, string help, string type)
    {
        if (!IsName(name, colons: true))
        {
            throw new ArgumentException($"'{name}' is not a Prometheus metric name.", nameof(name));
        }

        ArgumentNullException.ThrowIfNull(help);
        _text.Write("# HELP ");
        _text.Write(name);
        _text.Write(' ');
        _text.Write(help.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal));
        _text.Write("\n# TYPE ");
        _text.Write(name);
        _text.Write(' ');
        _text.Write(type);
        _text.Write('\n');
        return new MetricFamily(this, name);
    }

    internal void Sample(string name, string suffix, double value, ReadOnlySpan<(string Name, string? Value)> labels)
    {
        _text.Write(name);
        _text.Write(suffix);
        var first = true;
        foreach (var (label, text) in labels)
        {
            if (!IsName(label, colons: false))
            {
                throw new ArgumentException($"'{label}' is not a Prometheus label name.", nameof(labels));
            }

            _text.Write(first ? '{' : ',');
            first = false;
            _text.Write(label);
            _text.Write("=\"");
            // A label without a value is written empty, which Prometheus reads as no label.
            WriteEscaped(text ?? "");
            _text.Write('"');
        }

        _text.Write(first ? " " : "} ");
        WriteValue(value);
        _text.Write('\n');
    }

    private void WriteEscaped(string value)
    {
        var rest = value.AsSpan();
        for (var special = rest.IndexOfAny(Special); special >= 0; special = rest.IndexOfAny(Special))
        {
            _text.Write(rest[..special]);
            _text.Write(rest[special] switch
            {
                '\\' => "\\\\",
                '"' => "\\\"",
                _ => "\\n",
            });
            rest = rest[(special + 1)..];
        }

        _text.Write(rest);
    }

    /// <summary>A number as the format writes it, as a sample's value or a histogram bucket's le: round-trip digits, +Inf, -Inf or NaN.</summary>
    internal static string Number(double value) => NonFinite(value) ?? value.ToString("R", CultureInfo.InvariantCulture);

    private static string? NonFinite(double value) => value switch
    {
        double.PositiveInfinity => "+Inf",
        double.NegativeInfinity => "-Inf",
        double.NaN => "NaN",
        _ => null,
    };

    // As Number, without a string for each of the scrape's samples.
    private void WriteValue(double value)
    {
        if (NonFinite(value) is { } text)
        {
            _text.Write(text);
            return;
        }

        // The longest round-trip form of a double ("-1.7976931348623157E+308") is 24 characters.
        Span<char> digits = stackalloc char[32];
        if (!value.TryFormat(digits, out var written, "R", CultureInfo.InvariantCulture))
        {
            throw new UnreachableException($"{value:R} did not fit in 32 characters");
        }

        _text.Write(digits[..written]);
    }

    // [a-zA-Z_:][a-zA-Z0-9_:]* for metric names; labels the same without colons.
    private static bool IsName(string name, bool colons)
    {
        if (string.IsNullOrEmpty(name) || char.IsAsciiDigit(name[0]))
        {
            return false;
        }

        foreach (var c in name)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c != '_' && !(colons && c == ':'))
            {
                return false;
            }
        }

        return true;
    }
}
