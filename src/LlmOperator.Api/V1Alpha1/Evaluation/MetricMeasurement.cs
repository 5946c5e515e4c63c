namespace LlmOperator.Api.V1Alpha1;

/// <summary>One measurement of a gate metric.</summary>
public sealed class MetricMeasurement
{
    /// <summary>When the query was made.</summary>
    public DateTime? Time { get; set; }

    /// <summary>How it landed.</summary>
    public MeasurementPhase? Phase { get; set; }

    /// <summary>The value as Prometheus gave it (NaN included), or the list of a range query's values.</summary>
    public string? Value { get; set; }

    /// <summary>Why it landed there, when it is not a plain success.</summary>
    public string? Message { get; set; }
}
