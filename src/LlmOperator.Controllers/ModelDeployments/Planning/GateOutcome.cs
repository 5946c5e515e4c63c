namespace LlmOperator.Controllers.ModelDeployments.Planning;

/// <summary>Where one gate's evaluation of a revision stands, as the rollout reads it.</summary>
public enum GateOutcome
{
    /// <summary>Its run is not created yet, or has not finished.</summary>
    Pending,

    /// <summary>Passed, or a dry run (which never blocks).</summary>
    Passed,

    /// <summary>Failed: the rollout aborts.</summary>
    Failed,

    /// <summary>Inconclusive, or Error after its retries: the step's onInconclusive decides.</summary>
    Inconclusive,
}
