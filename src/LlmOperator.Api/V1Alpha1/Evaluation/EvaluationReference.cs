namespace LlmOperator.Api.V1Alpha1;

/// <summary>The headline of an EvaluationRun, copied into the status of the object it judges so that Argo CD shows it.</summary>
public sealed class EvaluationReference
{
    /// <summary>The EvaluationRun's name.</summary>
    public string Name { get; set; } = "";

    /// <summary>The gate it runs.</summary>
    public string? Gate { get; set; }

    /// <summary>Why it runs (its llmoperator.io/purpose): rollout, initial, drift, dependent, or a prompt version's.</summary>
    public string? Kind { get; set; }

    /// <summary>The run's phase.</summary>
    public EvaluationPhase? Phase { get; set; }

    /// <summary>The verdict in one sentence.</summary>
    public string? Verdict { get; set; }

    /// <summary>The share of cases that passed, 0 to 1.</summary>
    public double? PassRate { get; set; }

    /// <summary>Named scores, for example accuracy or faithfulness, 0 to 1.</summary>
    public Dictionary<string, double>? Scores { get; set; }
}
