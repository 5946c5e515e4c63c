namespace LlmOperator.Controllers.Common;

/// <summary>Where one gate's evaluation stands, as a rollout or a prompt's promotion reads it.</summary>
internal enum GateOutcome
{
    /// <summary>Its run is not created yet, or has not finished.</summary>
    Pending,

    /// <summary>Passed, or a dry run (which never blocks).</summary>
    Passed,

    /// <summary>Failed: the rollout aborts, the prompt version is rejected.</summary>
    Failed,

    /// <summary>Inconclusive, or Error after its retries: a rollout step's onInconclusive decides; a prompt version waits.</summary>
    Inconclusive,
}
