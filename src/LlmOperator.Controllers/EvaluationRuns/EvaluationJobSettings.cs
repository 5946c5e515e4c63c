namespace LlmOperator.Controllers.EvaluationRuns;

/// <summary>How the operator makes evaluation Jobs.</summary>
/// <param name="Image">The image of llmop itself, which runs llmop eval.</param>
/// <param name="DeadlineMargin">How long past the gate's timeout a Job may run before Kubernetes stops it.</param>
public sealed record EvaluationJobSettings(string Image, TimeSpan DeadlineMargin);
