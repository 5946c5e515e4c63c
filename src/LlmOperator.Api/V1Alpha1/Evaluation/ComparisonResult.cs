using System.ComponentModel.DataAnnotations;

namespace LlmOperator.Api.V1Alpha1;

/// <summary>The candidate against the baseline on the same cases.</summary>
public sealed class ComparisonResult
{
    /// <summary>What the baseline was, for example the stable revision's name.</summary>
    public string? Baseline { get; set; }

    /// <summary>One entry per compared metric.</summary>
    public List<MetricComparison>? Metrics { get; set; }

    /// <summary>Ids of cases that pass on the baseline and fail on the candidate, at most 20.</summary>
    [MaxLength(20)]
    public List<string>? NewFailures { get; set; }
}
