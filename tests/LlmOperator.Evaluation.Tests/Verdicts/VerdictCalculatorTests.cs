using LlmOperator.Api.V1Alpha1;
using LlmOperator.Evaluation.Assertions;
using LlmOperator.Evaluation.Running;
using LlmOperator.Evaluation.Verdicts;

namespace LlmOperator.Evaluation.Tests.Verdicts;

// The verdict is a pure function of results and policy; these tests build results by hand.
public class VerdictCalculatorTests
{
    private static CaseResult Case(string id, bool? pass, bool critical = false, double latencyMs = 100, IReadOnlyDictionary<string, double>? metrics = null)
    {
        var attempt = pass is { } p
            ? new AttemptResult(
                1,
                "answer",
                new CaseScore(p, p ? 1 : 0, metrics ?? new Dictionary<string, double>(), p ? null : "contains: Expected output to contain \"x\""),
                [],
                latencyMs,
                null,
                10,
                5,
                null,
                1,
                null)
            : AttemptResult.Failure(1, "boom");
        return new CaseResult(id, critical, [], [attempt]);
    }

    private static EndpointResults Results(string role, int passed, int failed, int errors = 0, Func<int, CaseResult, CaseResult>? change = null)
    {
        var cases = Enumerable.Range(0, passed + failed + errors)
            .Select(i => Case($"c{i}", i < passed ? true : i < passed + failed ? false : null))
            .Select((c, i) => change?.Invoke(i, c) ?? c)
            .ToList();
        return new EndpointResults(role, "http://m/v1/", "m", cases);
    }

    private static GatePolicy Policy(Thresholds? thresholds = null, ComparisonPolicy? comparison = null) =>
        new(thresholds ?? new Thresholds(), comparison ?? new ComparisonPolicy(), 42, 1000);

    [Fact]
    public void An_endpoint_that_answered_nothing_is_an_error()
    {
        var verdict = VerdictCalculator.Decide(Results("candidate", 0, 0, errors: 5), null, Policy());

        Assert.Equal(EvaluationPhase.Error, verdict.Phase);
        Assert.Equal("Error: every case on the candidate ended in an error, the first: boom.", verdict.Reason);
    }

    [Fact]
    public void A_failed_critical_case_fails_the_gate_whatever_the_pass_rate()
    {
        var results = Results("candidate", 99, 1, change: (i, c) => i == 99 ? Case("reset-password", false, critical: true) : c);

        var verdict = VerdictCalculator.Decide(results, null, Policy(new Thresholds { MinPassRate = 0.5 }));

        Assert.Equal(EvaluationPhase.Failed, verdict.Phase);
        Assert.Equal("Failed: critical case \"reset-password\" failed: contains: Expected output to contain \"x\".", verdict.Reason);
    }

    [Fact]
    public void Too_many_errors_fail_the_gate()
    {
        var verdict = VerdictCalculator.Decide(Results("candidate", 90, 0, errors: 10), null, Policy(new Thresholds { MaxErrorRate = 0.05 }));

        Assert.Equal("Failed: the error rate 10.0% (10 of 100 cases) is above the maximum 5.0%.", verdict.Reason);
        Assert.Equal(0.1, verdict.Summary.ErrorRate);
        Assert.Equal(0.9, verdict.Summary.PassRate);
    }

    [Theory]
    [InlineData(95, 5, EvaluationPhase.Passed, "Passed: 95 of 100 cases passed (95.0%) and every threshold is met.")]
    [InlineData(50, 50, EvaluationPhase.Failed, "Failed: the pass rate 50.0% (95% CI 40.4%–59.6%) over 100 cases is below the minimum pass rate 80.0%.")]
    [InlineData(
        9,
        1,
        EvaluationPhase.Inconclusive,
        "Inconclusive: the pass rate 90.0% (95% CI 59.6%–98.2%) over 10 cases cannot show it reaches the minimum pass rate 80.0%; " +
        "more cases are needed.")]
    public void The_minimum_pass_rate_is_decided_on_its_confidence_interval(int passed, int failed, EvaluationPhase phase, string reason)
    {
        var verdict = VerdictCalculator.Decide(Results("candidate", passed, failed), null, Policy(new Thresholds { MinPassRate = 0.8 }));

        Assert.Equal(phase, verdict.Phase);
        Assert.Equal(reason, verdict.Reason);
    }

    [Fact]
    public void Metric_bounds_name_the_metric()
    {
        var metrics = new Dictionary<string, double> { ["policy"] = 0.3 };
        var results = Results("candidate", 100, 0, change: (i, c) => Case(c.Id, true, metrics: metrics));
        var thresholds = new Thresholds { Metrics = new() { ["policy"] = new MetricThreshold { Min = 0.7 } } };

        var verdict = VerdictCalculator.Decide(results, null, Policy(thresholds));

        Assert.Equal("Failed: metric \"policy\" 0.300 (95% CI 0.219–0.396) over 100 cases is below the minimum 0.700.", verdict.Reason);
        Assert.Equal(0.3, verdict.Summary.Scores!["policy"]);
        var missing = VerdictCalculator.Decide(
            Results("candidate", 100, 0), null, Policy(new Thresholds { Metrics = new() { ["tone"] = new MetricThreshold { Max = 0.2 } } }));
        Assert.Equal("Inconclusive: metric \"tone\" has no scores: no judged case has an assertion with metric: tone.", missing.Reason);
    }

    [Fact]
    public void A_slow_p95_fails_the_gate()
    {
        var results = Results("candidate", 100, 0, change: (i, c) => Case(c.Id, true, latencyMs: i < 90 ? 100 : 5000));

        var verdict = VerdictCalculator.Decide(results, null, Policy(new Thresholds { LatencyP95Ms = 3000 }));

        Assert.Equal("Failed: the 95th percentile latency 5000 ms is above the maximum 3000 ms.", verdict.Reason);
        Assert.Equal(100, verdict.Summary.LatencyP50Ms);
    }

    [Fact]
    public void A_gate_without_a_quality_bar_needs_every_case_to_pass()
    {
        var failing = VerdictCalculator.Decide(Results("candidate", 9, 1), null, Policy());
        var passing = VerdictCalculator.Decide(Results("candidate", 10, 0), null, Policy());

        Assert.Equal(
            "Failed: 1 of 10 cases did not pass, and a gate without minPassRate, metric bounds or a baseline needs every case to pass " +
            "(the first, \"c9\": contains: Expected output to contain \"x\").",
            failing.Reason);
        Assert.Equal("Passed: 10 of 10 cases passed (100.0%) and every threshold is met.", passing.Reason);
    }

    [Fact]
    public void Too_few_paired_cases_are_inconclusive_never_a_silent_pass()
    {
        var verdict = VerdictCalculator.Decide(
            Results("candidate", 8, 0), Results("baseline", 8, 0), Policy(comparison: new ComparisonPolicy { MinCases = 10 }));

        Assert.Equal("Inconclusive: only 8 cases could be paired with the baseline, fewer than the 10 the gate needs to compare.", verdict.Reason);
    }

    [Fact]
    public void A_regression_beyond_the_margin_fails_and_lists_new_failures()
    {
        var candidate = Results("candidate", 70, 30);
        var baseline = Results("baseline", 90, 10);

        var verdict = VerdictCalculator.Decide(candidate, baseline, Policy(), "stable revision r1");

        Assert.Equal(EvaluationPhase.Failed, verdict.Phase);
        Assert.Equal(
            "Failed: the pass rate changed -20.0 points against the baseline (70.0% vs 90.0% on 100 paired cases; " +
            "95% CI -28.3 to -12.3 points, exact McNemar p < 0.0001), a regression beyond the 5.0 points allowed.",
            verdict.Reason);
        var passRate = verdict.Comparison!.Metrics!.Single(m => m.Name == "passRate");
        Assert.True(passRate.Regressed);
        Assert.Equal(-0.2, passRate.Delta);
        Assert.Equal("stable revision r1", verdict.Comparison.Baseline);
        Assert.Equal(20, verdict.Comparison.NewFailures!.Count);
        Assert.Equal("c70", verdict.Comparison.NewFailures[0]);
    }

    [Fact]
    public void An_equal_candidate_on_enough_cases_is_shown_not_to_regress()
    {
        var verdict = VerdictCalculator.Decide(Results("candidate", 90, 10), Results("baseline", 90, 10), Policy(new Thresholds { MinPassRate = 0.8 }));

        Assert.Equal(EvaluationPhase.Passed, verdict.Phase);
        Assert.Equal(
            "Passed: 90 of 100 cases passed (90.0%), every threshold is met and nothing regressed against the baseline beyond the allowed margin.",
            verdict.Reason);
        Assert.All(verdict.Comparison!.Metrics!, m => Assert.False(m.Regressed));
    }

    [Fact]
    public void Errored_pairs_are_left_out_of_the_comparison()
    {
        var candidate = Results("candidate", 12, 0, errors: 3);
        var baseline = Results("baseline", 15, 0);

        var verdict = VerdictCalculator.Decide(candidate, baseline, Policy(comparison: new ComparisonPolicy { MinCases = 13 }));

        Assert.Equal("Inconclusive: only 12 cases could be paired with the baseline, fewer than the 13 the gate needs to compare.", verdict.Reason);
        Assert.Equal(["c12", "c13", "c14"], verdict.Comparison!.NewFailures!);
    }

    [Fact]
    public void A_failure_outranks_an_inconclusive_check_and_the_verdict_is_reproducible()
    {
        var results = Results("candidate", 9, 1, change: (i, c) => i == 0 ? Case("vip", false, critical: true) : c);
        var policy = Policy(new Thresholds { MinPassRate = 0.8 });

        var first = VerdictCalculator.Decide(results, Results("baseline", 9, 1), policy);
        var again = VerdictCalculator.Decide(results, Results("baseline", 9, 1), policy);

        Assert.Equal(EvaluationPhase.Failed, first.Phase);
        Assert.StartsWith("Failed: critical case \"vip\"", first.Reason);
        Assert.Equal(first.Reason, again.Reason);
        Assert.Equal(first.Checks, again.Checks);
    }

    [Fact]
    public void Repeats_pass_a_case_by_majority()
    {
        var pass = new AttemptResult(1, "a", new CaseScore(true, 1, new Dictionary<string, double>(), null), [], 10, null, null, null, null, 1, null);
        var fail = pass with { Score = new CaseScore(false, 0, new Dictionary<string, double>(), "x: no") };

        var twoOfThree = new CaseResult("c", false, [], [pass, fail, pass]);
        var oneOfThree = new CaseResult("c", false, [], [pass, fail, AttemptResult.Failure(3, "timeout")]);

        Assert.Equal(CaseOutcome.Passed, twoOfThree.Outcome);
        Assert.Equal(2 / 3.0, twoOfThree.PassRate, 12);
        Assert.Equal(CaseOutcome.Failed, oneOfThree.Outcome);
        Assert.Equal(0.5, oneOfThree.Score);
        Assert.Equal("x: no", oneOfThree.Problem);
    }
}
