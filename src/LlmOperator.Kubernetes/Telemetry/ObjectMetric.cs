namespace LlmOperator.Kubernetes.Telemetry;

/// <summary>One metric family being written by an <see cref="ObjectMetricsWriter"/>: add its samples.</summary>
public sealed class ObjectMetric
{
    private readonly ObjectMetricsWriter _writer;
    private readonly string _name;

    internal ObjectMetric(ObjectMetricsWriter writer, string name)
    {
        _writer = writer;
        _name = name;
    }

    /// <summary>Writes a sample of <paramref name="value"/> with <paramref name="labels"/>; a label without a value is written empty.</summary>
    public void Sample(double value, params ReadOnlySpan<(string Name, string? Value)> labels) => _writer.Sample(_name, value, labels);
}
