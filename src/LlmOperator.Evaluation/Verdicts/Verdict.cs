using LlmOperator.Api.V1Alpha1;

namespace LlmOperator.Evaluation.Verdicts;

/// <summary>The outcome of a run: its phase and the one sentence that says why, with the figures behind it.</summary>
/// <param name="Phase">Passed, Failed, Inconclusive or Error.</param>
/// <param name="Reason">The verdict in one sentence, for example "Failed: ...".</param>
/// <param name="Summary">What the candidate scored on its own.</param>
/// <param name="BaselineSummary">What the baseline scored, when there was one.</param>
/// <param name="Comparison">The candidate against the baseline, when compared.</param>
/// <param name="Checks">Every check, in the order they were made.</param>
/// <param name="Metrics">What each of the gate's Prometheus metrics measured, when it has any.</param>
public sealed record Verdict(
    EvaluationPhase Phase,
    string Reason,
    EvaluationSummary Summary,
    EvaluationSummary? BaselineSummary,
    ComparisonResult? Comparison,
    IReadOnlyList<CheckResult> Checks,
    IReadOnlyList<MetricResult>? Metrics = null);
