using LlmOperator.Api.Markers;

namespace LlmOperator.Api.V1Alpha1;

/// <summary>Where a prompt version stands.</summary>
public sealed class PromptVersionStatus
{
    /// <summary>The generation this status was computed from.</summary>
    public long? ObservedGeneration { get; set; }

    /// <summary>Pending, Evaluating, Active, Superseded or Rejected.</summary>
    public PromptPhase? Phase { get; set; }

    /// <summary>A one-sentence account of the phase.</summary>
    public string? Message { get; set; }

    /// <summary>The SHA-256 of the canonical JSON of its messages, parameters and variables, as published.</summary>
    public string? ContentHash { get; set; }

    /// <summary>The evaluation that decided this version's phase, or the one under way.</summary>
    public EvaluationReference? Evaluation { get; set; }

    /// <summary>The pipelines that render this prompt, directly or through another pipeline, whose gates judged this version too.</summary>
    public List<string>? Dependents { get; set; }

    /// <summary>When this version last became active.</summary>
    public DateTime? ActivatedAt { get; set; }

    /// <summary>Ready (it is the active version), EvaluationsPassing and Degraded (someone must act).</summary>
    [ListMap("type")]
    public List<Condition>? Conditions { get; set; }
}
