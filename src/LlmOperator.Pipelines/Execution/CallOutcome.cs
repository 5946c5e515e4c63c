namespace LlmOperator.Pipelines.Execution;

/// <summary>What came of one component call.</summary>
public enum CallOutcome
{
    /// <summary>Its answer was taken.</summary>
    Answered,

    /// <summary>The component answered with an error or could not be reached.</summary>
    Failed,

    /// <summary>It took longer than the call's timeout.</summary>
    TimedOut,

    /// <summary>It answered, and the call's unless rule refused the answer.</summary>
    Refused,

    /// <summary>Another call of an ensemble combined by first answered before it.</summary>
    Cancelled,
}
