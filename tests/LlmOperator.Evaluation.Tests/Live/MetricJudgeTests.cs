using LlmOperator.Api.V1Alpha1;
using LlmOperator.Evaluation.Live;

namespace LlmOperator.Evaluation.Tests.Live;

/// <summary>One query result judged by a metric's CEL conditions, as Argo Rollouts reads successCondition and failureCondition.</summary>
public sealed class MetricJudgeTests
{
    [Theory]
    [InlineData("result < 1.5", null, 1.2, MeasurementPhase.Successful)]
    [InlineData("result < 1.5", null, 1.8, MeasurementPhase.Failed)]
    [InlineData(null, "result > 2", 1.8, MeasurementPhase.Successful)]
    [InlineData(null, "result > 2", 2.5, MeasurementPhase.Failed)]
    [InlineData("result < 1.5", "result > 2", 1.8, MeasurementPhase.Inconclusive)]
    [InlineData("result < 1.5", "result > 2", 2.5, MeasurementPhase.Failed)]
    [InlineData("result < 2", null, 1.0, MeasurementPhase.Successful)]
    [InlineData("result < 1.5", null, double.PositiveInfinity, MeasurementPhase.Failed)]
    public void A_value_is_judged_by_the_conditions_it_has(string? success, string? failure, double value, MeasurementPhase phase)
    {
        var measured = MetricJudge.Judge(Metrics.Compiled(success, failure), Metrics.One(value));

        Assert.Equal(phase, measured.Phase);
        Assert.False(measured.Final);
    }

    [Fact]
    public void A_failed_measurement_says_which_condition_and_value()
    {
        Assert.Equal(
            "successCondition result < 1.5 does not hold for result = 4.25",
            MetricJudge.Judge(Metrics.Compiled("result < 1.5"), Metrics.One(4.25)).Message);
        Assert.Equal(
            "neither successCondition result < 1.5 nor failureCondition result > 2.0 holds for result = 1.8",
            MetricJudge.Judge(Metrics.Compiled("result < 1.5", "result > 2.0"), Metrics.One(1.8)).Message);
    }

    [Fact]
    public void NaN_is_inconclusive_and_never_reaches_a_condition_that_would_hold_for_it()
    {
        // CEL holds NaN <= 1.5 true: a ratio with nothing to divide by must not pass for that reason.
        var measured = MetricJudge.Judge(Metrics.Compiled("result <= 1.5"), Metrics.One(double.NaN));

        Assert.Equal((MeasurementPhase.Inconclusive, "NaN"), (measured.Phase, measured.Value));
        Assert.Contains("NaN", measured.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void No_series_is_inconclusive_and_several_series_are_an_error_of_the_query()
    {
        var none = MetricJudge.Judge(Metrics.Compiled(), Metrics.Vector());
        var several = MetricJudge.Judge(Metrics.Compiled(), Metrics.Vector(1, 2));

        Assert.Equal(MeasurementPhase.Inconclusive, none.Phase);
        Assert.StartsWith("the query returned no series", none.Message, StringComparison.Ordinal);
        Assert.Equal((MeasurementPhase.Error, true), (several.Phase, several.Final));
        Assert.Equal(
            "the query returned 2 series ({pod=\"p0\"}, {pod=\"p1\"}); a metric needs one value: aggregate them, with sum, max or histogram_quantile",
            several.Message);
    }

    [Fact]
    public void A_range_result_is_the_list_of_its_values_without_NaN()
    {
        var metric = Metrics.Compiled(Metrics.Spec("result.all(v, v < 1.5)"), range: true);

        var good = MetricJudge.Judge(metric, Metrics.Matrix(1.0, double.NaN, 1.2));
        var bad = MetricJudge.Judge(metric, Metrics.Matrix(1.0, 1.7));
        var empty = MetricJudge.Judge(metric, Metrics.Matrix(double.NaN, double.NaN));

        Assert.Equal((MeasurementPhase.Successful, "[1, 1.2]"), (good.Phase, good.Value));
        Assert.Equal(MeasurementPhase.Failed, bad.Phase);
        Assert.Equal(MeasurementPhase.Inconclusive, empty.Phase);
    }

    [Fact]
    public void A_condition_that_fails_or_gives_no_bool_is_a_final_error()
    {
        var notBool = MetricJudge.Judge(Metrics.Compiled("result + 1.0"), Metrics.One(0.5));
        var fails = MetricJudge.Judge(Metrics.Compiled("result.all(v, v < 1.0)"), Metrics.One(0.5));

        Assert.Equal((MeasurementPhase.Error, true), (notBool.Phase, notBool.Final));
        Assert.Equal("metric ttft: successCondition result + 1.0 gives 1.5 for result = 0.5, not true or false", notBool.Message);
        Assert.Equal((MeasurementPhase.Error, true), (fails.Phase, fails.Final));
        Assert.StartsWith("metric ttft: successCondition result.all(v, v < 1.0) fails on result = 0.5: ", fails.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_condition_that_does_not_compile_says_where()
    {
        var e = Assert.Throws<FormatException>(() => MetricCondition.Compile("result <", "metric ttft: successCondition"));

        Assert.StartsWith("metric ttft: successCondition result < does not compile: ", e.Message, StringComparison.Ordinal);
    }
}
