using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using LlmOperator.Api.Markers;

namespace LlmOperator.Api.V1Alpha1;

/// <summary>
/// A live measurement of the candidate while it takes traffic: a Prometheus query, measured <c>count</c>
/// times <c>interval</c> apart, each value judged by CEL conditions over <c>result</c>, as in an Argo
/// Rollouts analysis. Comparative queries (the candidate's revision against the baseline's over the same
/// window) are the normal case. A measurement that finds no value is inconclusive, never a pass.
/// </summary>
[CelRule("has(self.successCondition) || has(self.failureCondition)", "a metric needs successCondition, failureCondition or both")]
public sealed class GateMetric
{
    /// <summary>The metric's name, unique in the gate; the run's status reports it under this name.</summary>
    [Required, MaxLength(63), RegularExpression(Patterns.DnsLabel)]
    public string Name { get; set; } = "";

    /// <summary>Where the value comes from.</summary>
    [Required]
    public PrometheusQuery Prometheus { get; set; } = new();

    /// <summary>
    /// A CEL expression over <c>result</c> that holds when a measurement is good, for example
    /// <c>result &lt; 1.5</c>. Without it, a measurement is good unless failureCondition holds.
    /// </summary>
    [MaxLength(1024)]
    public string? SuccessCondition { get; set; }

    /// <summary>
    /// A CEL expression over <c>result</c> that holds when a measurement is bad. Without it, a measurement is
    /// bad when successCondition does not hold; with both, one where neither holds is inconclusive.
    /// </summary>
    [MaxLength(1024)]
    public string? FailureCondition { get; set; }

    /// <summary>How long to wait after the run starts before the first measurement, so that traffic reaches the candidate.</summary>
    [MaxLength(64), RegularExpression(Patterns.Duration), DefaultValue("0s")]
    public string InitialDelay { get; set; } = "0s";

    /// <summary>The time between two measurements.</summary>
    [MaxLength(64), RegularExpression(Patterns.Duration), DefaultValue("30s")]
    public string Interval { get; set; } = "30s";

    /// <summary>How many measurements to take; measurements that failed to query are taken again and do not count.</summary>
    [Range(1, 100), DefaultValue(1)]
    public int Count { get; set; } = 1;

    /// <summary>How many bad measurements are tolerated; one more fails the metric, and the run.</summary>
    [Range(0, 100), DefaultValue(0)]
    public int FailureLimit { get; set; }

    /// <summary>How many inconclusive measurements (no value, or neither condition holds) are tolerated; one more makes the metric Inconclusive.</summary>
    [Range(0, 100), DefaultValue(0)]
    public int InconclusiveLimit { get; set; }

    /// <summary>How many queries in a row may fail (Prometheus unreachable, a server error) before the metric ends in Error.</summary>
    [Range(0, 100), DefaultValue(4)]
    public int ConsecutiveErrorLimit { get; set; } = 4;
}
