using LlmOperator.Api.V1Alpha1;
using LlmOperator.Evaluation.Live.Prometheus;

namespace LlmOperator.Evaluation.Live;

/// <summary>
/// Judges one query result by a metric's conditions, as a pure function. <c>result</c> is the one value of
/// the one series (a list of its values for a matrix). No series, or only NaN, cannot be judged: it is
/// inconclusive, never handed to a condition (CEL holds <c>NaN &lt;= 1.5</c> true). Several series are an
/// error of the query: a metric needs one value.
/// </summary>
internal static class MetricJudge
{
    /// <summary>How many series a message names.</summary>
    private const int MaxListedSeries = 3;

    /// <summary>Judges <paramref name="result"/>.</summary>
    public static Measured Judge(CompiledMetric metric, PrometheusResult result)
    {
        ArgumentNullException.ThrowIfNull(metric);
        ArgumentNullException.ThrowIfNull(result);
        if (result.ResultType == "string")
        {
            return new Measured(MeasurementPhase.Error, null, "the query gives a string, not a number", Final: true);
        }

        if (result.Series.Count == 0)
        {
            return new Measured(
                MeasurementPhase.Inconclusive, null, "the query returned no series: nothing matched it (no traffic yet, or no scrape of these pods?)");
        }

        if (result.Series.Count > 1)
        {
            var listed = string.Join(", ", result.Series.Take(MaxListedSeries));
            var more = result.Series.Count > MaxListedSeries ? ", ..." : "";
            return new Measured(
                MeasurementPhase.Error,
                null,
                $"the query returned {result.Series.Count} series ({listed}{more}); " +
                    "a metric needs one value: aggregate them, with sum, max or histogram_quantile",
                Final: true);
        }

        var samples = result.Series[0].Samples;
        object value;
        if (result.ResultType == "matrix")
        {
            var values = samples.Select(s => s.Value).Where(v => !double.IsNaN(v)).ToList();
            if (values.Count == 0)
            {
                return new Measured(MeasurementPhase.Inconclusive, MeasuredValue.Format(samples.Select(s => (object?)s.Value).ToList()),
                    "every value in the window is NaN: no requests to divide by?");
            }

            value = values.Select(v => (object?)v).ToList();
        }
        else
        {
            var number = samples[^1].Value;
            if (double.IsNaN(number))
            {
                return new Measured(MeasurementPhase.Inconclusive, "NaN", "the query gives NaN: no requests to divide by in its window?");
            }

            value = number;
        }

        return Decide(metric, value);
    }

    private static Measured Decide(CompiledMetric metric, object value)
    {
        var text = MeasuredValue.Format(value);
        bool? success, failure;
        try
        {
            success = metric.Success?.Holds(value);
            failure = metric.Failure?.Holds(value);
        }
        catch (InvalidOperationException e)
        {
            return new Measured(MeasurementPhase.Error, text, e.Message, Final: true);
        }

        return (success, failure) switch
        {
            (_, true) => new Measured(MeasurementPhase.Failed, text, $"failureCondition {metric.Failure!.Expression} holds for result = {text}"),
            (true, _) => new Measured(MeasurementPhase.Successful, text, null),
            (false, null) => new Measured(MeasurementPhase.Failed, text, $"successCondition {metric.Success!.Expression} does not hold for result = {text}"),
            (null, _) => new Measured(MeasurementPhase.Successful, text, null),
            _ => new Measured(
                MeasurementPhase.Inconclusive,
                text,
                $"neither successCondition {metric.Success!.Expression} nor failureCondition {metric.Failure!.Expression} holds for result = {text}"),
        };
    }
}
