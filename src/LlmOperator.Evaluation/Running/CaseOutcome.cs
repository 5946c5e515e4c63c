namespace LlmOperator.Evaluation.Running;

/// <summary>How a case ended on one endpoint.</summary>
public enum CaseOutcome
{
    /// <summary>Most of its repeats passed every assertion.</summary>
    Passed,

    /// <summary>It was judged, and most of its repeats did not pass.</summary>
    Failed,

    /// <summary>No repeat could be judged (request errors, a prompt that did not render, an assertion that could not decide).</summary>
    Error,
}
