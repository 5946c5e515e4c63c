using LlmOperator.Api.V1Alpha1;

namespace LlmOperator.Evaluation.Live;

/// <summary>
/// The measurements of one metric and the verdict they add up to, as Argo Rollouts counts an analysis: more
/// bad measurements than failureLimit fail it, more inconclusive ones than inconclusiveLimit make it
/// Inconclusive, more failed queries in a row than consecutiveErrorLimit (or one that asking again cannot
/// fix) end it in Error; after count measurements within those limits it passed. A failed query is measured
/// again and does not count.
/// </summary>
internal sealed class MetricTally(CompiledMetric metric)
{
    private readonly List<MetricMeasurement> _measurements = [];
    private int _successful;
    private int _failed;
    private int _inconclusive;
    private int _errors;
    private int _consecutiveErrors;
    private Measured? _lastFailed;
    private Measured? _lastInconclusive;

    /// <summary>The verdict, once there is one.</summary>
    public EvaluationPhase? Phase { get; private set; }

    /// <summary>The verdict in one sentence, once there is one.</summary>
    public string? Message { get; private set; }

    /// <summary>Whether measuring is over.</summary>
    public bool Done => Phase is not null;

    private int Counted => _successful + _failed + _inconclusive;

    /// <summary>Adds a measurement made at <paramref name="time"/> and decides whether measuring is over.</summary>
    public void Add(DateTimeOffset time, Measured measured)
    {
        ArgumentNullException.ThrowIfNull(measured);
        if (Done)
        {
            throw new InvalidOperationException($"metric {metric.Name} is already decided");
        }

        _measurements.Add(new MetricMeasurement { Time = time.UtcDateTime, Phase = measured.Phase, Value = measured.Value, Message = measured.Message });
        if (_measurements.Count > MetricResult.MaxMeasurements)
        {
            _measurements.RemoveAt(0);
        }

        var spec = metric.Spec;
        _consecutiveErrors = measured.Phase == MeasurementPhase.Error ? _consecutiveErrors + 1 : 0;
        switch (measured.Phase)
        {
            case MeasurementPhase.Error when measured.Final:
                _errors++;
                Decide(EvaluationPhase.Error, $"metric {metric.Name} cannot be measured: {measured.Message}");
                return;
            case MeasurementPhase.Error:
                _errors++;
                if (_consecutiveErrors > spec.ConsecutiveErrorLimit)
                {
                    Decide(EvaluationPhase.Error, $"metric {metric.Name} cannot be measured: {Queries(_consecutiveErrors)}, " +
                        $"more than its consecutiveErrorLimit of {spec.ConsecutiveErrorLimit}; the last: {measured.Message}");
                }

                return;
            case MeasurementPhase.Failed:
                _failed++;
                _lastFailed = measured;
                break;
            case MeasurementPhase.Inconclusive:
                _inconclusive++;
                _lastInconclusive = measured;
                break;
            default:
                _successful++;
                break;
        }

        if (_failed > spec.FailureLimit)
        {
            Decide(EvaluationPhase.Failed, $"metric {metric.Name} failed {_failed} of {Count(Counted, "measurement")}, " +
                $"more than its failureLimit of {spec.FailureLimit}: {_lastFailed!.Message}");
        }
        else if (_inconclusive > spec.InconclusiveLimit)
        {
            Decide(EvaluationPhase.Inconclusive, $"metric {metric.Name} was inconclusive on {_inconclusive} of {Count(Counted, "measurement")}, " +
                $"more than its inconclusiveLimit of {spec.InconclusiveLimit}: {_lastInconclusive!.Message}");
        }
        else if (Counted >= spec.Count)
        {
            var tolerated = _failed + _inconclusive == 0 ? "" : $" ({Tolerated()})";
            Decide(EvaluationPhase.Passed, $"metric {metric.Name} passed: {_successful} of {Count(Counted, "measurement")} met its conditions" +
                $"{tolerated}, the last with result = {measured.Value}");
        }
    }

    /// <summary>Ends measuring before a verdict (the run's timeout): the metric could not be measured, which is an Error.</summary>
    public void Stop(string why)
    {
        if (!Done)
        {
            Decide(
                EvaluationPhase.Error,
                $"metric {metric.Name} was not measured to the end: {why} after {Counted} of {Count(metric.Spec.Count, "measurement")}");
        }
    }

    /// <summary>The result for the run's status.</summary>
    public MetricResult Result() => new()
    {
        Name = metric.Name,
        Phase = Phase,
        Message = Message,
        Query = metric.Query,
        Successful = _successful,
        Failed = _failed,
        Inconclusive = _inconclusive,
        Errors = _errors,
        Measurements = [.. _measurements],
    };

    private string Tolerated() => string.Join(" and ", new[]
    {
        _failed > 0 ? $"{_failed} failed, within its failureLimit of {metric.Spec.FailureLimit}" : null,
        _inconclusive > 0 ? $"{_inconclusive} inconclusive, within its inconclusiveLimit of {metric.Spec.InconclusiveLimit}" : null,
    }.OfType<string>());

    private void Decide(EvaluationPhase phase, string message) => (Phase, Message) = (phase, message);

    private static string Count(int n, string noun) => Verdicts.Figures.Count(n, noun);

    private static string Queries(int n) => n == 1 ? "a query failed" : $"{n} queries in a row failed";
}
