using LlmOperator.Api.V1Alpha1;
using LlmOperator.Evaluation.Live;

namespace LlmOperator.Evaluation.Tests.Live;

/// <summary>Measurements adding up to a metric's verdict within its limits.</summary>
public sealed class MetricTallyTests
{
    private static readonly DateTimeOffset At = new(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);

    private static MetricTally Tally(GateMetric spec, params Measured[] measurements)
    {
        var tally = new MetricTally(Metrics.Compiled(spec));
        foreach (var (measured, i) in measurements.Select((m, i) => (m, i)))
        {
            tally.Add(At.AddSeconds(i), measured);
        }

        return tally;
    }

    private static Measured Good(string value = "1.1") => new(MeasurementPhase.Successful, value, null);

    private static Measured Bad(string value = "4.2") =>
        new(MeasurementPhase.Failed, value, $"successCondition result < 1.5 does not hold for result = {value}");

    private static Measured Empty() => new(MeasurementPhase.Inconclusive, null, "the query returned no series");

    private static Measured Unreachable() => new(MeasurementPhase.Error, null, "Prometheus at http://prom:9090 cannot be reached: Connection refused");

    [Fact]
    public void Count_good_measurements_pass_and_the_result_keeps_them()
    {
        var tally = Tally(Metrics.Spec(count: 3), Good("1.0"), Good("1.1"), Good("1.2"));

        var result = tally.Result();
        Assert.Equal(EvaluationPhase.Passed, tally.Phase);
        Assert.Equal("metric ttft passed: 3 of 3 measurements met its conditions, the last with result = 1.2", tally.Message);
        Assert.Equal((3, 0, 0, 0), (result.Successful, result.Failed, result.Inconclusive, result.Errors));
        Assert.Equal(["1.0", "1.1", "1.2"], result.Measurements!.Select(m => m.Value));
        Assert.Equal(At.AddSeconds(2).UtcDateTime, result.Measurements![2].Time);
    }

    [Fact]
    public void One_bad_measurement_more_than_the_failure_limit_fails_at_once()
    {
        var tally = Tally(Metrics.Spec(count: 5, failureLimit: 1), Bad(), Good());
        Assert.False(tally.Done);

        tally.Add(At.AddSeconds(5), Bad("3.9"));

        Assert.Equal(EvaluationPhase.Failed, tally.Phase);
        Assert.Equal(
            "metric ttft failed 2 of 3 measurements, more than its failureLimit of 1: successCondition result < 1.5 does not hold for result = 3.9",
            tally.Message);
    }

    [Fact]
    public void Tolerated_bad_measurements_still_pass_and_say_so()
    {
        var tally = Tally(Metrics.Spec(count: 3, failureLimit: 1), Good(), Bad(), Good("1.3"));

        Assert.Equal(EvaluationPhase.Passed, tally.Phase);
        Assert.Equal(
            "metric ttft passed: 2 of 3 measurements met its conditions (1 failed, within its failureLimit of 1), the last with result = 1.3", tally.Message);
    }

    [Fact]
    public void An_empty_result_beyond_the_inconclusive_limit_is_inconclusive_never_a_pass()
    {
        var tally = Tally(Metrics.Spec(count: 2), Good(), Empty());

        Assert.Equal(EvaluationPhase.Inconclusive, tally.Phase);
        Assert.Equal(
            "metric ttft was inconclusive on 1 of 2 measurements, more than its inconclusiveLimit of 0: the query returned no series", tally.Message);
    }

    [Fact]
    public void Failed_queries_are_measured_again_and_end_in_error_past_the_consecutive_limit()
    {
        var tally = Tally(Metrics.Spec(count: 2, consecutiveErrorLimit: 2), Unreachable(), Good(), Unreachable(), Unreachable());
        Assert.False(tally.Done);

        tally.Add(At.AddSeconds(9), Unreachable());

        Assert.Equal(EvaluationPhase.Error, tally.Phase);
        Assert.Equal(
            "metric ttft cannot be measured: 3 queries in a row failed, more than its consecutiveErrorLimit of 2; " +
                "the last: Prometheus at http://prom:9090 cannot be reached: Connection refused",
            tally.Message);
        Assert.Equal((1, 4), (tally.Result().Successful, tally.Result().Errors));
    }

    [Fact]
    public void A_refused_query_ends_in_error_at_once()
    {
        var refused = new Measured(MeasurementPhase.Error, null, "Prometheus refused the query (bad_data): parse error", Final: true);
        var tally = Tally(Metrics.Spec(count: 3), refused);

        Assert.Equal(EvaluationPhase.Error, tally.Phase);
        Assert.Equal("metric ttft cannot be measured: Prometheus refused the query (bad_data): parse error", tally.Message);
    }

    [Fact]
    public void Stopping_before_the_last_measurement_is_an_error_and_stopping_after_the_verdict_changes_nothing()
    {
        var stopped = Tally(Metrics.Spec(count: 3), Good());
        var decided = Tally(Metrics.Spec(count: 1), Good());

        stopped.Stop("the run's timeout of 2m was reached");
        decided.Stop("the run's timeout of 2m was reached");

        Assert.Equal(EvaluationPhase.Error, stopped.Phase);
        Assert.Equal("metric ttft was not measured to the end: the run's timeout of 2m was reached after 1 of 3 measurements", stopped.Message);
        Assert.Equal(EvaluationPhase.Passed, decided.Phase);
    }

    [Fact]
    public void The_result_keeps_only_the_latest_measurements()
    {
        var tally = Tally(Metrics.Spec(count: 15), [.. Enumerable.Range(0, 15).Select(i => Good($"{i}"))]);

        var kept = tally.Result().Measurements!;
        Assert.Equal(MetricResult.MaxMeasurements, kept.Count);
        Assert.Equal("14", kept[^1].Value);
        Assert.Equal(15, tally.Result().Successful);
    }
}
