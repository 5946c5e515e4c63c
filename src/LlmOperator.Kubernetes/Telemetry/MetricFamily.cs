namespace LlmOperator.Kubernetes.Telemetry;

/// <summary>One metric family being written by a <see cref="PrometheusTextWriter"/>: add its samples.</summary>
public sealed class MetricFamily
{
    private readonly PrometheusTextWriter _writer;
    private readonly string _name;

    internal MetricFamily(PrometheusTextWriter writer, string name)
    {
        _writer = writer;
        _name = name;
    }

    /// <summary>Writes a sample of <paramref name="value"/> with <paramref name="labels"/>; a label without a value is written empty.</summary>
    public void Sample(double value, params ReadOnlySpan<(string Name, string? Value)> labels) => _writer.Sample(_name, "", value, labels);

    /// <summary>Writes a sample of the series named the family's name and <paramref name="suffix"/> (a histogram's _bucket, _sum, _count).</summary>
    internal void Sample(string suffix, double value, params ReadOnlySpan<(string Name, string? Value)> labels) =>
        _writer.Sample(_name, suffix, value, labels);
}
