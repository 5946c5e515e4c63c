using LlmOperator.Api.V1Alpha1;
using LlmOperator.Evaluation.Assertions;
using LlmOperator.Evaluation.Reports;
using LlmOperator.Evaluation.Running;
using LlmOperator.Evaluation.Verdicts;

namespace LlmOperator.Evaluation.Tests.Verdicts;

// A scheduled run paired with the outcomes kept from the release: drift is a significant regression against them,
// even while the thresholds still pass.
public class ReleaseDriftTests
{
    private static readonly GatePolicy Policy = new(new Thresholds { MinPassRate = 0.8 }, new ComparisonPolicy { MaxRegression = 0.05 }, 42, 1000);

    private static EndpointResults Results(string role, int cases, Func<int, bool> passes)
    {
        var results = Enumerable.Range(0, cases).Select(i =>
        {
            var pass = passes(i);
            var score = new CaseScore(pass, pass ? 1 : 0, new Dictionary<string, double>(), pass ? null : "wrong");
            return new CaseResult($"q{i:000}", false, [], [new AttemptResult(1, "answer", score, [], 10, null, 1, 1, null, 1, null)]);
        });
        return new EndpointResults(role, "http://m/v1", "m", [.. results]);
    }

    // The release as a run keeps it and a later run reads it back.
    private static EndpointResults Release(int cases, Func<int, bool> passes) =>
        CaseOutcomes.Read(CaseOutcomes.Write(Results("candidate", cases, passes))!, EndpointResults.ReleaseRole, "the release of revision abc");

    [Fact]
    public void A_significant_regression_against_the_release_is_drift_although_the_thresholds_pass()
    {
        var verdict = VerdictCalculator.Decide(Results("candidate", 100, i => i >= 12), Release(100, _ => true), Policy, "the release of revision abc");

        Assert.Equal(EvaluationPhase.Failed, verdict.Phase);
        Assert.StartsWith(
            "Failed: the pass rate changed -12.0 points against the release of revision abc (88.0% vs 100.0% on 100 paired cases;",
            verdict.Reason,
            StringComparison.Ordinal);
        Assert.Equal(["q000", "q001", "q002"], verdict.Comparison!.NewFailures!.Take(3));
        Assert.Equal("the release of revision abc", verdict.Comparison.Baseline);
        Assert.Equal(CheckStatus.Met, Assert.Single(verdict.Checks, c => c.Name == "minPassRate").Status);
    }

    [Fact]
    public void A_run_that_answers_as_the_release_did_has_not_drifted()
    {
        var verdict = VerdictCalculator.Decide(Results("candidate", 100, i => i % 10 != 0), Release(100, i => i % 10 != 0), Policy, "the release");

        Assert.Equal(EvaluationPhase.Passed, verdict.Phase);
    }

    [Fact]
    public void Too_few_cases_to_pair_give_no_drift_verdict_and_missing_outcomes_say_why()
    {
        var few = VerdictCalculator.Decide(Results("candidate", 6, i => i > 0), Release(6, _ => true), Policy, "the release");
        var missing = new EndpointResults(EndpointResults.ReleaseRole, "", "the release of revision abc, whose results are not in ConfigMap m-release", []);
        var unread = VerdictCalculator.Decide(Results("candidate", 100, _ => true), missing, Policy, missing.Model);

        Assert.Equal(EvaluationPhase.Inconclusive, few.Phase);
        Assert.Equal(EvaluationPhase.Inconclusive, unread.Phase);
        Assert.Contains("only 0 cases could be paired", unread.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Outcomes_round_trip_with_scores_and_metrics_and_anything_else_is_a_format_error()
    {
        var metrics = new Dictionary<string, double> { ["faithfulness"] = 0.75 };
        var kept = new EndpointResults("candidate", "u", "m",
        [
            new CaseResult("a", false, [], [new AttemptResult(1, "x", new CaseScore(true, 0.9, metrics, null), [], 1, null, 1, 1, null, 1, null)]),
            new CaseResult("b", false, [], [AttemptResult.Failure(1, "HTTP 500")]),
        ]);

        var read = CaseOutcomes.Read(CaseOutcomes.Write(kept)!, EndpointResults.ReleaseRole, "r");

        Assert.Equal(
            [("a", CaseOutcome.Passed, (double?)0.9, 0.75), ("b", CaseOutcome.Error, null, double.NaN)],
            read.Cases.Select(c => (c.Id, c.Outcome, c.Score, c.Metrics.GetValueOrDefault("faithfulness", double.NaN))));
        Assert.Throws<FormatException>(() => CaseOutcomes.Read("""{"cases":[{"id":"a"}]}""", "release", "r"));
        Assert.Throws<FormatException>(() => CaseOutcomes.Read("not json", "release", "r"));
    }
}
