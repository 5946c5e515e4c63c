namespace LlmOperator.Api.V1Alpha1;

/// <summary>One scheduled evaluation of the stable revision, remembered after its run is gone: a point of the drift trend.</summary>
public sealed class ScheduledVerdict
{
    /// <summary>The gate.</summary>
    public string Gate { get; set; } = "";

    /// <summary>The run.</summary>
    public string Run { get; set; } = "";

    /// <summary>The revision it judged.</summary>
    public string? Revision { get; set; }

    /// <summary>When it finished.</summary>
    public DateTime? Time { get; set; }

    /// <summary>Its phase: Passed, Failed (drift), Inconclusive or Error.</summary>
    public EvaluationPhase? Phase { get; set; }

    /// <summary>The share of cases that passed, 0 to 1.</summary>
    public double? PassRate { get; set; }

    /// <summary>The lower end of the pass rate's confidence interval.</summary>
    public double? PassRateLower { get; set; }

    /// <summary>The upper end of the pass rate's confidence interval.</summary>
    public double? PassRateUpper { get; set; }

    /// <summary>Whether it found drift: a failed threshold, or a significant regression against the release.</summary>
    public bool? Drifted { get; set; }
}
