namespace LlmOperator.Controllers.ModelDeployments.Planning;

/// <summary>Where a rollout's steps stand after a pass: one step's, or all of them together.</summary>
internal enum StepProgress
{
    /// <summary>Done: the step lets the rollout go on to the next; for all steps, every one is done.</summary>
    Done,

    /// <summary>A step waits: for readiness, time, an evaluation or a promotion.</summary>
    Waiting,

    /// <summary>A step aborted the rollout.</summary>
    Aborted,
}
