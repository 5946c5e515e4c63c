using System.ComponentModel;
using System.ComponentModel.DataAnnotations;

namespace LlmOperator.Api.V1Alpha1;

/// <summary>The absolute bar a candidate must clear.</summary>
public sealed class Thresholds
{
    /// <summary>The least share of cases that must pass, 0 to 1.</summary>
    [Range(0.0, 1.0)]
    public double? MinPassRate { get; set; }

    /// <summary>Bounds on named metrics (the metric field of assertions), by metric name.</summary>
    public Dictionary<string, MetricThreshold>? Metrics { get; set; }

    /// <summary>The largest share of cases that may end in an error (timeouts, 5xx), 0 to 1.</summary>
    [Range(0.0, 1.0)]
    public double? MaxErrorRate { get; set; }

    /// <summary>The largest 95th percentile of request latency, in milliseconds.</summary>
    [Range(1, int.MaxValue)]
    public int? LatencyP95Ms { get; set; }

    /// <summary>Whether every case marked critical must pass.</summary>
    [DefaultValue(true)]
    public bool CriticalMustPass { get; set; } = true;
}
