namespace LlmOperator.Evaluation.Verdicts;

/// <summary>One check of a gate and the sentence that explains it.</summary>
/// <param name="Name">What was checked, for example minPassRate or comparison.passRate.</param>
/// <param name="Status">How it landed.</param>
/// <param name="Sentence">Why, in one sentence without the verdict word.</param>
public sealed record CheckResult(string Name, CheckStatus Status, string Sentence);
