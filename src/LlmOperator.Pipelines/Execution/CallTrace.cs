namespace LlmOperator.Pipelines.Execution;

/// <summary>One component call of a step.</summary>
/// <param name="ModelRef">The ModelDeployment called.</param>
/// <param name="Outcome">What came of it.</param>
/// <param name="Duration">How long it took.</param>
/// <param name="Error">Why it was not taken, when it was not.</param>
public sealed record CallTrace(string ModelRef, CallOutcome Outcome, TimeSpan Duration, string? Error = null);
