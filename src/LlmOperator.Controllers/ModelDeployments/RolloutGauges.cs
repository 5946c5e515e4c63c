using LlmOperator.Api.V1Alpha1;

namespace LlmOperator.Controllers.ModelDeployments;

/// <summary>
/// What the rollout gauges read of a ModelDeployment's last written status, and nothing more: a whole status
/// (conditions, history, verdicts) kept per object for the gauges was about a tenth of the operator's heap.
/// </summary>
/// <param name="Phase">The rollout phase.</param>
/// <param name="CanaryWeight">The canary's share of traffic.</param>
/// <param name="Fallback">The fallback it serves, if it drifted onto one.</param>
/// <param name="PassRates">The pass rate of the current evaluation and of each gate's latest scheduled run, with the run's tags.</param>
internal sealed record RolloutGauges(RolloutPhase? Phase, int CanaryWeight, string? Fallback, IReadOnlyList<RolloutGauges.PassRate> PassRates)
{
    /// <summary>One run's pass rate with its run, gate and kind.</summary>
    internal sealed record PassRate(double Rate, string Run, string? Gate, string? Kind);

    /// <summary>The gauges of <paramref name="status"/>.</summary>
    public static RolloutGauges Of(ModelDeploymentStatus status)
    {
        ArgumentNullException.ThrowIfNull(status);
        var rates = new List<PassRate>();
        var current = status.CurrentEvaluation;
        if (current?.PassRate is { } rate)
        {
            rates.Add(new PassRate(rate, current.Name, current.Gate, current.Kind));
        }

        // The drift trend: each gate's latest scheduled verdict, unless it is the current evaluation already.
        foreach (var latest in (status.ScheduledVerdicts ?? []).GroupBy(v => v.Gate, StringComparer.Ordinal).Select(g => g.First()))
        {
            if (latest.PassRate is { } scheduled && latest.Run != current?.Name)
            {
                rates.Add(new PassRate(scheduled, latest.Run, latest.Gate, "drift"));
            }
        }

        return new RolloutGauges(status.Phase, status.CanaryWeight ?? 0, status.ServingFallback?.Name, rates.Count == 0 ? [] : rates);
    }
}
