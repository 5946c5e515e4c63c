namespace LlmOperator.Api.V1Alpha1;

/// <summary>
/// What an evaluation Job reports of its attempt, in its run's results ConfigMap under
/// <see cref="RunResults.OutcomeKey"/>. The Job writes nothing else: the EvaluationRun controller reads
/// the outcome once the Job has ended and is the only writer of the run's status.
/// </summary>
public sealed class EvaluationOutcome
{
    /// <summary>The attempt the Job ran; an outcome of an earlier attempt says nothing of the current one.</summary>
    public int Attempt { get; set; }

    /// <summary>Passed, Failed, Inconclusive, or Error when the gate could not be run.</summary>
    public EvaluationPhase Phase { get; set; }

    /// <summary>The verdict and its reason in one sentence.</summary>
    public string Verdict { get; set; } = "";

    /// <summary>What the candidate scored on its own.</summary>
    public EvaluationSummary? Summary { get; set; }

    /// <summary>The candidate against the baseline, metric by metric.</summary>
    public ComparisonResult? Comparison { get; set; }

    /// <summary>What each of the gate's metrics measured, and its verdict.</summary>
    public List<MetricResult>? Metrics { get; set; }

    /// <summary>Whether the ConfigMap also holds the per-case results under <see cref="RunResults.ResultsKey"/>.</summary>
    public bool HasResults { get; set; }

    /// <summary>When the Job started judging.</summary>
    public DateTime StartedAt { get; set; }

    /// <summary>When the Job reached its outcome.</summary>
    public DateTime CompletedAt { get; set; }
}
