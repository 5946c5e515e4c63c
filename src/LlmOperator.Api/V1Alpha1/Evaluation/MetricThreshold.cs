using LlmOperator.Api.Markers;

namespace LlmOperator.Api.V1Alpha1;

/// <summary>Bounds on the mean of a named metric.</summary>
[CelRule("has(self.min) || has(self.max)", "a metric threshold needs min, max or both")]
public sealed class MetricThreshold
{
    /// <summary>The least mean score.</summary>
    public double? Min { get; set; }

    /// <summary>The greatest mean score.</summary>
    public double? Max { get; set; }
}
