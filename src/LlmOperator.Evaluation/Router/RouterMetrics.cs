using System.Diagnostics.Metrics;
using LlmOperator.Pipelines.Execution;

namespace LlmOperator.Evaluation.Router;

/// <summary>
/// What llmop router measures, beside the GenAI client metrics of each component call: requests by
/// outcome, their duration, each step's duration, and the calls a step did not take (fallbacks).
/// </summary>
public sealed class RouterMetrics
{
    /// <summary>The meter's name.</summary>
    public const string MeterName = "LlmOperator.Router";

    private readonly Histogram<double> _requestDuration;
    private readonly Counter<long> _requests;
    private readonly Histogram<double> _stepDuration;
    private readonly Counter<long> _fallbacks;
    private readonly UpDownCounter<long> _inFlight;

    /// <summary>Creates the instruments on a meter from <paramref name="meters"/>.</summary>
    public RouterMetrics(IMeterFactory meters)
    {
        ArgumentNullException.ThrowIfNull(meters);
        var meter = meters.Create(MeterName);
        _requests = meter.CreateCounter<long>("llmop.pipeline.requests", "{request}", "Requests by pipeline and outcome (ok, error, cancelled, bad_request).");
        _requestDuration = meter.CreateHistogram<double>("llmop.pipeline.request.duration", "s", "How long a request through the pipeline took.");
        _stepDuration = meter.CreateHistogram<double>("llmop.pipeline.step.duration", "s", "How long one step took, by pipeline and step.");
        _fallbacks = meter.CreateCounter<long>(
            "llmop.pipeline.fallbacks", "{call}", "Component calls whose answer was not taken, by step, component and outcome (failed, timed_out, refused).");
        _inFlight = meter.CreateUpDownCounter<long>("llmop.pipeline.requests.active", "{request}", "Requests being served or waiting for a slot.");
    }

    internal void Started(string pipeline) => _inFlight.Add(1, new KeyValuePair<string, object?>("pipeline", pipeline));

    internal void Finished(string pipeline, string outcome, TimeSpan duration, IReadOnlyList<StepTrace> steps)
    {
        var name = new KeyValuePair<string, object?>("pipeline", pipeline);
        _inFlight.Add(-1, name);
        _requests.Add(1, name, new("outcome", outcome));
        _requestDuration.Record(duration.TotalSeconds, name, new("outcome", outcome));
        foreach (var step in steps)
        {
            _stepDuration.Record(step.Duration.TotalSeconds, name, new("step", step.Step));
            foreach (var call in step.Calls.Where(c => c.Outcome is CallOutcome.Failed or CallOutcome.TimedOut or CallOutcome.Refused))
            {
                _fallbacks.Add(1, name, new("step", step.Step), new("component", call.ModelRef), new("outcome", Outcome(call.Outcome)));
            }
        }
    }

    private static string Outcome(CallOutcome outcome) => outcome switch
    {
        CallOutcome.TimedOut => "timed_out",
        CallOutcome.Refused => "refused",
        _ => "failed",
    };
}
