namespace LlmOperator.Api.V1Alpha1;

/// <summary>One metric, candidate against baseline.</summary>
public sealed class MetricComparison
{
    /// <summary>The metric: passRate or a named score.</summary>
    public string Name { get; set; } = "";

    /// <summary>The candidate's value.</summary>
    public double? Candidate { get; set; }

    /// <summary>The baseline's value.</summary>
    public double? Baseline { get; set; }

    /// <summary>Candidate minus baseline.</summary>
    public double? Delta { get; set; }

    /// <summary>The lower bound of the delta's confidence interval.</summary>
    public double? Lower { get; set; }

    /// <summary>The upper bound of the delta's confidence interval.</summary>
    public double? Upper { get; set; }

    /// <summary>
    /// For passRate, the two-sided exact McNemar p-value of a difference; for a score, the share of bootstrap
    /// resamples whose delta is at or below -maxRegression.
    /// </summary>
    public double? PValue { get; set; }

    /// <summary>Whether this metric regressed beyond maxRegression.</summary>
    public bool? Regressed { get; set; }
}
