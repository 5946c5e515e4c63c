using LlmOperator.Api.V1Alpha1;

namespace LlmOperator.Controllers.EvaluationRuns;

/// <summary>
/// What an ended evaluation Job left in its run's results ConfigMap: the outcome it reported, or why
/// none can be used.
/// </summary>
/// <param name="Outcome">The outcome, when the ConfigMap holds one that can be read.</param>
/// <param name="Unreadable">Why the outcome in the ConfigMap cannot be read, when it cannot.</param>
internal sealed record JobReport(EvaluationOutcome? Outcome, string? Unreadable)
{
    /// <summary>The ConfigMap, or its outcome, does not exist: the Job reported nothing.</summary>
    public static JobReport None { get; } = new(null, null);
}
