namespace LlmOperator.Api.V1Alpha1;

/// <summary>What the candidate scored on its own.</summary>
public sealed class EvaluationSummary
{
    /// <summary>Cases run.</summary>
    public int? Cases { get; set; }

    /// <summary>Cases that passed.</summary>
    public int? Passed { get; set; }

    /// <summary>Cases that failed an assertion.</summary>
    public int? Failed { get; set; }

    /// <summary>Cases that ended in an error.</summary>
    public int? Errors { get; set; }

    /// <summary>The share of cases that passed.</summary>
    public double? PassRate { get; set; }

    /// <summary>The lower bound of the pass rate's confidence interval.</summary>
    public double? PassRateLower { get; set; }

    /// <summary>The upper bound of the pass rate's confidence interval.</summary>
    public double? PassRateUpper { get; set; }

    /// <summary>The mean of each named metric.</summary>
    public Dictionary<string, double>? Scores { get; set; }

    /// <summary>The median request latency in milliseconds.</summary>
    public double? LatencyP50Ms { get; set; }

    /// <summary>The 95th percentile of request latency in milliseconds.</summary>
    public double? LatencyP95Ms { get; set; }

    /// <summary>Prompt tokens used.</summary>
    public long? PromptTokens { get; set; }

    /// <summary>Completion tokens used.</summary>
    public long? CompletionTokens { get; set; }

    /// <summary>The cost of the run, in the unit of the pricing used.</summary>
    public double? Cost { get; set; }

    /// <summary>The share of cases that ended in an error.</summary>
    public double? ErrorRate { get; set; }
}
