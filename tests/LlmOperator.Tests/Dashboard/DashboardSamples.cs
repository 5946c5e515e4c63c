using LlmOperator.Api.V1Alpha1;
using LlmOperator.Tests.Cli;

namespace LlmOperator.Tests.Dashboard;

/// <summary>Statuses with a drift history, for the dashboard's pages.</summary>
internal static class DashboardSamples
{
    /// <summary>
    /// Healthy on revision 5c4a released at the start, with five hourly scheduled runs of support-quality
    /// (newest first, as the operator keeps them), the last two drifted, and a fallback serving since the last.
    /// </summary>
    public static ModelDeploymentStatus Drifting()
    {
        var status = RolloutSamples.Healthy();
        status.History![0].Time = RolloutSamples.Start;
        double[] rates = [0.93, 0.92, 0.9, 0.71, 0.64];
        status.ScheduledVerdicts =
        [
            .. rates.Select((rate, i) => new ScheduledVerdict
            {
                Gate = "support-quality",
                Run = $"chat-5c4a-scheduled-{i + 1}",
                Revision = "5c4a",
                Time = RolloutSamples.Start.AddHours(i + 1),
                Phase = i < 3 ? EvaluationPhase.Passed : EvaluationPhase.Failed,
                PassRate = rate,
                PassRateLower = rate - 0.06,
                PassRateUpper = Math.Min(1, rate + 0.04),
                Drifted = i >= 3,
            }).Reverse(),
        ];
        status.ServingFallback = new ServingFallbackStatus
        {
            Name = "hosted-gpt",
            Revision = "a1b2",
            ServedModel = "gpt-4o-mini",
            Replacing = "5c4a",
            Since = RolloutSamples.Start.AddHours(5),
        };
        return status;
    }
}
