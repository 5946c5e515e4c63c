namespace LlmOperator.Controllers.ModelDeployments.Planning;

/// <summary>What one step says after it ran.</summary>
internal enum Advance
{
    /// <summary>The step is done: go on to the next.</summary>
    Next,

    /// <summary>The step waits.</summary>
    Wait,

    /// <summary>The step aborted the rollout.</summary>
    Abort,
}
