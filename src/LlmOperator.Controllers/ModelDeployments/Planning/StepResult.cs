namespace LlmOperator.Controllers.ModelDeployments.Planning;

/// <summary>Where the steps of a rollout stand after a pass.</summary>
internal enum StepResult
{
    /// <summary>A step is waiting: for readiness, time, an evaluation or a promotion.</summary>
    Waiting,

    /// <summary>Every step is done.</summary>
    Completed,

    /// <summary>A step aborted the rollout.</summary>
    Aborted,
}
