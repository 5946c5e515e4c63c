using LlmOperator.Api.V1Alpha1;

namespace LlmOperator.Controllers.Tests.ModelDeployments;

/// <summary>The scheduled verdicts the status remembers: the drift trend, bounded, outliving the runs.</summary>
public class ScheduledVerdictsTests
{
    private static RolloutWorld Hourly()
    {
        var world = new RolloutWorld(
            new ModelDeploymentSpec
            {
                Model = new ModelSource { Name = "gpt-4o" },
                Engine = InferenceEngine.Mock,
                Replicas = 1,
                Evaluation = new ScheduledEvaluation { Schedule = "0 * * * *", Gates = ["quality"] },
            },
            "quality");
        world.Settle();
        return world;
    }

    private static IEnumerable<EvaluationRun> Drift(RolloutWorld world) =>
        world.Runs.Values.Where(r => r.Metadata.Labels["llmoperator.io/purpose"] == "drift");

    // An hour passes, the scheduled run starts, and it finishes at the pass rate given.
    private static void Hour(RolloutWorld world, double passRate)
    {
        world.Now += TimeSpan.FromHours(1);
        world.Settle();
        var run = Drift(world).Single(r => r.Status is null);
        run.Status = new EvaluationRunStatus
        {
            Phase = passRate >= 0.8 ? EvaluationPhase.Passed : EvaluationPhase.Failed,
            Verdict = "verdict",
            Attempts = 1,
            CompletedAt = world.Now.UtcDateTime.AddMinutes(2),
            Summary = new EvaluationSummary { PassRate = passRate, PassRateLower = passRate - 0.1, PassRateUpper = Math.Min(1, passRate + 0.05) },
        };
        world.Settle();
    }

    [Fact]
    public void Each_finished_run_is_remembered_newest_first_and_runs_beyond_the_newest_three_are_deleted()
    {
        var world = Hourly();
        double[] rates = [1.0, 0.95, 0.9, 0.85, 0.7];

        foreach (var rate in rates)
        {
            Hour(world, rate);
        }

        var verdicts = world.Status.ScheduledVerdicts!;
        Assert.Equal(rates.Reverse(), verdicts.Select(v => v.PassRate!.Value));
        Assert.Equal([true, false, false, false, false], verdicts.Select(v => v.Drifted == true));
        Assert.Equal((world.Revision, "quality", 0.6), (verdicts[0].Revision, verdicts[0].Gate, Math.Round(verdicts[0].PassRateLower!.Value, 2)));
        Assert.Equal(3, Drift(world).Count());
        Assert.Equal(RolloutPhase.Degraded, world.Status.Phase);
    }

    [Fact]
    public void The_trend_keeps_the_last_ten_of_a_gate_and_a_run_still_going_is_not_stacked_on()
    {
        var world = Hourly();
        for (var i = 0; i < 12; i++)
        {
            Hour(world, 0.9);
        }

        Assert.Equal(ModelDeploymentStatus.MaxScheduledVerdicts, world.Status.ScheduledVerdicts!.Count);

        world.Now += TimeSpan.FromHours(1);
        world.Settle();
        world.Now += TimeSpan.FromHours(1);
        world.Settle();

        Assert.Single(Drift(world), r => r.Status is null);
    }
}
