using System.Diagnostics.Metrics;
using LlmOperator.Api.V1Alpha1;
using LlmOperator.Controllers.Common;

namespace LlmOperator.Controllers.EvaluationRuns;

/// <summary>
/// The metrics of finished EvaluationRuns, on the controllers' meter (<see cref="ControllerMeter"/>): the operator
/// writes every run's end, so it counts them by phase (pass rates of gates over time, which evaluation Jobs' own
/// metrics reach only through OTLP) and measures how long they took.
/// </summary>
internal sealed class EvaluationRunMetrics
{
    private readonly Counter<long> _runs;
    private readonly Histogram<double> _duration;

    /// <summary>Creates the instruments.</summary>
    public EvaluationRunMetrics(IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        var meter = meterFactory.Create(ControllerMeter.Name);
        _runs = meter.CreateCounter<long>(
            "llmop.evaluation.runs",
            "{run}",
            "Finished EvaluationRuns by phase (Passed, Failed, Inconclusive, Error after its last attempt), gate, purpose and target kind.");
        _duration = meter.CreateHistogram<double>(
            "llmop.evaluation.run.duration",
            "s",
            "How long a finished EvaluationRun's last attempt ran, from its Job's start to its outcome.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [1, 5, 10, 30, 60, 120, 300, 600, 1200, 1800, 3600, 7200] });
    }

    /// <summary>Counts <paramref name="run"/>, which <paramref name="status"/> (just written) ends.</summary>
    public void Finished(EvaluationRun run, EvaluationRunStatus status)
    {
        KeyValuePair<string, object?>[] tags =
        [
            new("k8s.namespace.name", run.Metadata.NamespaceProperty),
            new("llmop.evaluation.gate", run.Spec.Gate.Name),
            new("llmop.evaluation.purpose", ModelDeploymentNames.Label(run, WellKnownLabels.Purpose)),
            new("llmop.evaluation.target_kind", run.Spec.Target.Kind.ToString()),
            new("phase", status.Phase?.ToString()),
        ];
        _runs.Add(1, tags);
        if (status is { StartedAt: { } started, CompletedAt: { } completed } && completed >= started)
        {
            _duration.Record((completed - started).TotalSeconds, tags);
        }
    }

    /// <summary>Whether <paramref name="status"/> ends a run that <paramref name="read"/> had not ended yet.</summary>
    public static bool Ends(EvaluationRunStatus? read, EvaluationRunStatus status) => IsComplete(status) && !IsComplete(read);

    private static bool IsComplete(EvaluationRunStatus? status) => Conditions.IsTrue(status?.Conditions, RunJobPlanner.CompleteCondition);
}
