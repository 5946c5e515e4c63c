using System.ComponentModel.DataAnnotations;
using LlmOperator.Api.Markers;

namespace LlmOperator.Api.V1Alpha1;

/// <summary>One step of a rollout: exactly one of setWeight, pause, evaluate or setCanaryScale.</summary>
[CelRule("size(self) == 1", "each rollout step must set exactly one of setWeight, pause, evaluate, setCanaryScale")]
public sealed class RolloutStep
{
    /// <summary>Send this percentage of traffic to the canary.</summary>
    [Range(0, 100)]
    public int? SetWeight { get; set; }

    /// <summary>Wait for a duration, or without one until promoted.</summary>
    public PauseStep? Pause { get; set; }

    /// <summary>Run evaluation gates against the canary, paired with the stable revision.</summary>
    public EvaluateStep? Evaluate { get; set; }

    /// <summary>Scale the canary independently of its traffic weight.</summary>
    public SetCanaryScaleStep? SetCanaryScale { get; set; }
}
