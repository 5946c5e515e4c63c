using LlmOperator.Api.V1Alpha1;

namespace LlmOperator.Evaluation.Live;

/// <summary>A gate metric ready to measure: its query rendered for the run, its conditions compiled, its durations read.</summary>
/// <param name="Spec">The metric as the gate writes it.</param>
/// <param name="Query">The query rendered for the run.</param>
/// <param name="Success">The compiled successCondition, or null.</param>
/// <param name="Failure">The compiled failureCondition, or null.</param>
/// <param name="InitialDelay">The wait before the first measurement.</param>
/// <param name="Interval">The time between measurements.</param>
/// <param name="Timeout">How long Prometheus may take per query.</param>
/// <param name="Range">The window of a range query (its duration and step), or null for an instant query.</param>
public sealed record CompiledMetric(
    GateMetric Spec,
    string Query,
    MetricCondition? Success,
    MetricCondition? Failure,
    TimeSpan InitialDelay,
    TimeSpan Interval,
    TimeSpan Timeout,
    (TimeSpan Duration, TimeSpan Step)? Range)
{
    /// <summary>The metric's name.</summary>
    public string Name => Spec.Name;

    /// <summary>How long measuring takes when every query answers: the initial delay, then the intervals between measurements.</summary>
    public TimeSpan Window => InitialDelay + (Interval * (Spec.Count - 1));
}
