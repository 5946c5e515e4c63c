namespace LlmOperator.Controllers.EvaluationRuns;

/// <summary>What is observed of an evaluation Job.</summary>
/// <param name="Name">The Job's name.</param>
/// <param name="Finished">Whether it ended (Complete or Failed).</param>
/// <param name="Failed">Whether it ended Failed.</param>
/// <param name="Reason">Why it failed, from its Failed condition (DeadlineExceeded, BackoffLimitExceeded).</param>
/// <param name="FinishedAt">When it was first seen ended, on the operator's clock (see <see cref="JobEndings"/>).</param>
public sealed record JobObservation(string Name, bool Finished, bool Failed, string? Reason, DateTimeOffset? FinishedAt);
