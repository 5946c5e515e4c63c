using System.Globalization;

namespace LlmOperator.Kubernetes.Telemetry;

/// <summary>
/// Writes gauge families in Prometheus' text exposition format (version 0.0.4): a family's HELP and TYPE lines, then its
/// samples, with label values and help escaped as the format requires.
/// </summary>
public sealed class StateGaugeWriter
{
    private readonly TextWriter _text;

    /// <summary>A writer onto <paramref name="text"/>.</summary>
    public StateGaugeWriter(TextWriter text)
    {
        ArgumentNullException.ThrowIfNull(text);
        _text = text;
    }

    /// <summary>Starts the family <paramref name="name"/> (a Prometheus metric name, such as llmop_rollout_phase).</summary>
    public StateGauge Gauge(string name, string help)
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
        _text.Write(" gauge\n");
        return new StateGauge(this, name);
    }

    internal void Sample(string name, double value, ReadOnlySpan<(string Name, string? Value)> labels)
    {
        _text.Write(name);
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
        _text.Write(Format(value));
        _text.Write('\n');
    }

    private void WriteEscaped(string value)
    {
        foreach (var c in value)
        {
            switch (c)
            {
                case '\\':
                    _text.Write("\\\\");
                    break;
                case '"':
                    _text.Write("\\\"");
                    break;
                case '\n':
                    _text.Write("\\n");
                    break;
                default:
                    _text.Write(c);
                    break;
            }
        }
    }

    private static string Format(double value) => value switch
    {
        double.PositiveInfinity => "+Inf",
        double.NegativeInfinity => "-Inf",
        _ when double.IsNaN(value) => "NaN",
        _ => value.ToString("R", CultureInfo.InvariantCulture),
    };

    // [a-zA-Z_:][a-zA-Z0-9_:]* for metric names; labels the same without colons.
    private static bool IsName(string name, bool colons) =>
        !string.IsNullOrEmpty(name)
        && !char.IsAsciiDigit(name[0])
        && name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_' || (colons && c == ':'));
}
