namespace LlmOperator.Evaluation.Verdicts;

/// <summary>Where one check of a gate landed.</summary>
public enum CheckStatus
{
    /// <summary>Met with the asked confidence.</summary>
    Met,

    /// <summary>Missed: the candidate fails the gate.</summary>
    Failed,

    /// <summary>Neither met nor missed with the asked confidence.</summary>
    Inconclusive,

    /// <summary>The run could not be judged at all.</summary>
    Error,
}
