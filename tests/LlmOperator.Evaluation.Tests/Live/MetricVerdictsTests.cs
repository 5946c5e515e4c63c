using LlmOperator.Api.V1Alpha1;
using LlmOperator.Evaluation.Verdicts;

namespace LlmOperator.Evaluation.Tests.Live;

/// <summary>A run's verdict from its dataset's and its metrics'.</summary>
public sealed class MetricVerdictsTests
{
    private static Verdict Dataset(EvaluationPhase phase, string reason) =>
        new(phase, $"{phase}: {reason}.", new EvaluationSummary { Cases = 40, PassRate = 1 }, null, null,
            [new CheckResult("minPassRate", CheckStatus.Met, "ok")]);

    private static MetricResult Metric(string name, EvaluationPhase phase, string message) => new() { Name = name, Phase = phase, Message = message };

    [Fact]
    public void Answers_that_pass_and_a_metric_that_fails_fail_the_run_with_the_metric_s_reason()
    {
        var verdict = MetricVerdicts.Combine(
            Dataset(EvaluationPhase.Passed, "40 of 40 cases passed (100.0%) and every threshold is met"),
            [
                Metric("errors", EvaluationPhase.Passed, "metric errors passed"),
                Metric("ttft", EvaluationPhase.Failed, "metric ttft failed 1 of 1 measurement"),
            ]);

        Assert.Equal(EvaluationPhase.Failed, verdict.Phase);
        Assert.Equal("Failed: metric ttft failed 1 of 1 measurement.", verdict.Reason);
        Assert.Equal(40, verdict.Summary.Cases);
        Assert.Equal(["minPassRate", "prometheus.errors", "prometheus.ttft"], verdict.Checks.Select(c => c.Name));
        Assert.Equal(CheckStatus.Failed, verdict.Checks[^1].Status);
        Assert.Equal(2, verdict.Metrics!.Count);
    }

    [Fact]
    public void A_failure_wins_over_an_error_and_an_error_over_an_inconclusive_part()
    {
        var failedAnswers = MetricVerdicts.Combine(
            Dataset(EvaluationPhase.Failed, "the pass rate 50.0% is below 80.0%"),
            [Metric("ttft", EvaluationPhase.Error, "metric ttft cannot be measured: x")]);
        var error = MetricVerdicts.Combine(
            Dataset(EvaluationPhase.Inconclusive, "too few cases"), [Metric("ttft", EvaluationPhase.Error, "metric ttft cannot be measured: x")]);
        var inconclusive = MetricVerdicts.Combine(
            Dataset(EvaluationPhase.Passed, "fine"), [Metric("ttft", EvaluationPhase.Inconclusive, "metric ttft was inconclusive on 1 of 1 measurement")]);

        Assert.Equal(("Failed", "Failed: the pass rate 50.0% is below 80.0%."), (failedAnswers.Phase.ToString(), failedAnswers.Reason));
        Assert.Equal(("Error", "Error: metric ttft cannot be measured: x."), (error.Phase.ToString(), error.Reason));
        Assert.Equal(EvaluationPhase.Inconclusive, inconclusive.Phase);
    }

    [Fact]
    public void When_every_part_passes_the_reason_says_so_for_each()
    {
        var verdict = MetricVerdicts.Combine(
            Dataset(EvaluationPhase.Passed, "40 of 40 cases passed (100.0%) and every threshold is met"),
            [Metric("ttft", EvaluationPhase.Passed, "metric ttft passed: 2 of 2 measurements met its conditions, the last with result = 1.01")]);

        Assert.Equal(EvaluationPhase.Passed, verdict.Phase);
        Assert.Equal(
            "Passed: 40 of 40 cases passed (100.0%) and every threshold is met; " +
                "metric ttft passed: 2 of 2 measurements met its conditions, the last with result = 1.01.",
            verdict.Reason);
    }

    [Fact]
    public void A_gate_of_metrics_alone_has_an_empty_summary_and_the_metrics_verdict()
    {
        var verdict = MetricVerdicts.Combine(null, [Metric("ttft", EvaluationPhase.Passed, "metric ttft passed")]);

        Assert.Equal(("Passed: metric ttft passed.", (int?)null), (verdict.Reason, verdict.Summary.Cases));
    }

    [Fact]
    public void Without_metrics_the_dataset_s_verdict_is_the_run_s_unchanged()
    {
        var dataset = Dataset(EvaluationPhase.Inconclusive, "too few cases");

        Assert.Same(dataset, MetricVerdicts.Combine(dataset, []));
    }
}
