using LlmOperator.Evaluation.Assertions;

namespace LlmOperator.Evaluation.Reports.Html;

/// <summary>One case of one endpoint as the run page shows it: its outcome, its first answer and that answer's assertions.</summary>
/// <param name="Id">The case's id.</param>
/// <param name="Input">What the case asks, when the results say.</param>
/// <param name="Outcome">Passed, Failed or Error.</param>
/// <param name="Critical">Whether the case must pass for the gate to pass.</param>
/// <param name="Problem">Why it did not pass, if it did not.</param>
/// <param name="Answer">The first repeat's answer (its error when it has none).</param>
/// <param name="Assertions">The first repeat's assertion results.</param>
public sealed record CaseView(
    string Id, string? Input, string Outcome, bool Critical, string? Problem, string? Answer, IReadOnlyList<AssertionOutcome> Assertions)
{
    /// <summary>Whether the case passed.</summary>
    public bool Passed => Outcome == "Passed";
}
