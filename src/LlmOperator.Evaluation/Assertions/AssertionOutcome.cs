namespace LlmOperator.Evaluation.Assertions;

/// <summary>The result of one assertion on one answer.</summary>
/// <param name="Type">The assertion's type as written, for example not-contains.</param>
/// <param name="Pass">Whether it passed.</param>
/// <param name="Score">Its score, 0 to 1.</param>
/// <param name="Reason">Why, in promptfoo's words where it has them.</param>
/// <param name="Weight">Its weight in the case's score.</param>
/// <param name="Metric">The named metric it counts towards, if any.</param>
public sealed record AssertionOutcome(string Type, bool Pass, double Score, string Reason, double Weight, string? Metric);
