namespace LlmOperator.Pipelines.Execution;

/// <summary>What one step did.</summary>
/// <param name="Step">The step's name.</param>
/// <param name="Output">Its answer.</param>
/// <param name="Duration">How long it took.</param>
/// <param name="Calls">Every component call it made, fallbacks included, in the order they were made.</param>
/// <param name="Case">For a switch, the index of the case that held.</param>
public sealed record StepTrace(string Step, string Output, TimeSpan Duration, IReadOnlyList<CallTrace> Calls, int? Case = null);
