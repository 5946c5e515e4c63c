namespace LlmOperator.Kubernetes.Telemetry;

/// <summary>One gauge family being written by a <see cref="StateGaugeWriter"/>: add its samples.</summary>
public sealed class StateGauge
{
    private readonly StateGaugeWriter _writer;
    private readonly string _name;

    internal StateGauge(StateGaugeWriter writer, string name)
    {
        _writer = writer;
        _name = name;
    }

    /// <summary>Writes a sample of <paramref name="value"/> with <paramref name="labels"/>; a label without a value is written empty.</summary>
    public void Sample(double value, params ReadOnlySpan<(string Name, string? Value)> labels) => _writer.Sample(_name, value, labels);
}
