namespace LlmOperator.Controllers.EvaluationRuns;

/// <summary>What is observed of an evaluation Job, from its status.</summary>
/// <param name="Name">The Job's name.</param>
/// <param name="StartedAt">When the Job started its pod, if it has.</param>
/// <param name="Finished">Whether it ended (Complete or Failed).</param>
/// <param name="Failed">Whether it ended Failed: its container exited with an error, or ran past its deadline.</param>
/// <param name="Reason">Why it failed, from its Failed condition (DeadlineExceeded, BackoffLimitExceeded).</param>
internal sealed record JobObservation(string Name, DateTime? StartedAt, bool Finished, bool Failed, string? Reason);
