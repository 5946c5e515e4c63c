namespace LlmOperator.Api.V1Alpha1;

/// <summary>One reason a rollout is paused.</summary>
public sealed class PauseCondition
{
    /// <summary>Why the rollout is paused.</summary>
    public PauseReason Reason { get; set; }

    /// <summary>When the pause began.</summary>
    public DateTime StartTime { get; set; }
}
