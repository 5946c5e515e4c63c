using LlmOperator.Api.Markers;

namespace LlmOperator.Api.V1Alpha1;

/// <summary>The progress and verdict of a run.</summary>
public sealed class EvaluationRunStatus
{
    /// <summary>The generation this status was computed from.</summary>
    public long? ObservedGeneration { get; set; }

    /// <summary>Pending, Running, Passed, Failed, Inconclusive or Error.</summary>
    public EvaluationPhase? Phase { get; set; }

    /// <summary>The verdict and its reason in one sentence.</summary>
    public string? Verdict { get; set; }

    /// <summary>What the candidate scored on its own.</summary>
    public EvaluationSummary? Summary { get; set; }

    /// <summary>The candidate against the baseline, metric by metric.</summary>
    public ComparisonResult? Comparison { get; set; }

    /// <summary>What each of the gate's metrics measured, and its verdict.</summary>
    [ListMap("name")]
    public List<MetricResult>? Metrics { get; set; }

    /// <summary>The ConfigMap key holding per-case results (bounded in size).</summary>
    public ConfigMapKeyReference? ResultsRef { get; set; }

    /// <summary>When the run started.</summary>
    public DateTime? StartedAt { get; set; }

    /// <summary>When the run reached a final phase.</summary>
    public DateTime? CompletedAt { get; set; }

    /// <summary>The Job that executes the run.</summary>
    public string? JobName { get; set; }

    /// <summary>How many times the run was attempted; Error retries count here.</summary>
    public int? Attempts { get; set; }

    /// <summary>Conditions of the run.</summary>
    [ListMap("type")]
    public List<Condition>? Conditions { get; set; }
}
