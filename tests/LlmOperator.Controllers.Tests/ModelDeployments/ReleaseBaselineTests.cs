using LlmOperator.Api.V1Alpha1;
using LlmOperator.Controllers.ModelDeployments.Releases;

namespace LlmOperator.Controllers.Tests.ModelDeployments;

/// <summary>The release baseline of the stable revision, as the planner keeps it and pairs scheduled runs with it.</summary>
public class ReleaseBaselineTests
{
    // A first revision evaluated on its own by gate quality, then every 6 hours.
    private static RolloutWorld Released()
    {
        var world = new RolloutWorld(
            new ModelDeploymentSpec
            {
                Model = new ModelSource { Name = "llama-3.1-8b" },
                Engine = InferenceEngine.Mock,
                Replicas = 2,
                Rollout = new RolloutStrategy
                {
                    Steps = [new RolloutStep { Evaluate = new EvaluateStep { Gates = ["quality"] } }],
                    EvaluateFirstDeployment = true,
                },
                Evaluation = new ScheduledEvaluation { Schedule = "0 */6 * * *", Gates = ["quality"] },
            },
            "quality");
        world.Settle();
        world.FinishRuns(EvaluationPhase.Passed, "Passed: every threshold is met.");
        world.Settle();
        return world;
    }

    [Fact]
    public void The_runs_that_released_a_revision_are_kept_once_and_the_status_names_them_when_they_are()
    {
        var world = Released();

        var release = world.Last!.RecordRelease!;
        Assert.Equal(world.Revision, release.Revision);
        var run = Assert.Single(release.Runs);
        Assert.Equal(("quality", $"llama-{world.Revision}-initial-quality"), (run.Key, run.Value));
        Assert.Null(world.Status.ReleaseBaseline);

        world.Release = new KeptRelease(world.Revision, ["quality"], [$"llama-{world.Revision}-initial-quality"]);
        world.Settle();

        Assert.Null(world.Last!.RecordRelease);
        Assert.Equal(
            (world.Revision, "llama-release", "quality"),
            (world.Status.ReleaseBaseline!.Revision, world.Status.ReleaseBaseline.ConfigMap, Assert.Single(world.Status.ReleaseBaseline.Gates!)));
    }

    [Fact]
    public void A_scheduled_run_is_paired_with_the_release_unless_its_gate_compares_with_nothing()
    {
        var world = Released();
        world.Release = new KeptRelease(world.Revision, ["quality"], [$"llama-{world.Revision}-initial-quality"]);
        world.Settle();

        world.Now += TimeSpan.FromHours(6);
        world.Settle();
        var paired = Assert.Single(world.Runs.Values, r => r.Metadata.Labels["llmoperator.io/purpose"] == "drift");
        world.FinishRuns(EvaluationPhase.Passed, "Passed: every threshold is met.");
        world.Gates["quality"].Spec.Comparison = new ComparisonPolicy { Baseline = BaselinePolicy.None };
        world.Now += TimeSpan.FromHours(6);
        world.Settle();
        var alone = Assert.Single(world.Runs.Values, r => r.Metadata.Labels["llmoperator.io/purpose"] == "drift" && r != paired);

        Assert.Equal(
            ("llama-release", "quality.json", world.Revision),
            (paired.Spec.ReleaseBaseline!.Results.Name, paired.Spec.ReleaseBaseline.Results.Key, paired.Spec.ReleaseBaseline.Revision));
        Assert.Null(paired.Spec.Baseline);
        Assert.Null(alone.Spec.ReleaseBaseline);
    }

    [Fact]
    public void Drift_against_the_release_degrades_naming_a_few_of_the_cases_that_flipped_and_the_revision_keeps_serving()
    {
        var world = Released();
        world.Release = new KeptRelease(world.Revision, ["quality"], [$"llama-{world.Revision}-initial-quality"]);
        world.Settle();
        world.Now += TimeSpan.FromHours(6);
        world.Settle();

        var run = Assert.Single(world.Runs.Values, r => r.Metadata.Labels["llmoperator.io/purpose"] == "drift");
        run.Status = new EvaluationRunStatus
        {
            Phase = EvaluationPhase.Failed,
            Verdict = "Failed: the pass rate changed -12.0 points against the release of revision r (88.0% vs 100.0% on 100 paired cases).",
            Attempts = 1,
            Comparison = new ComparisonResult { NewFailures = ["q1", "q2", "q3", "q4", "q5", "q6", "q7"] },
        };
        world.Settle();

        Assert.Equal(RolloutPhase.Degraded, world.Status.Phase);
        Assert.EndsWith(
            "no longer passes gate quality: the pass rate changed -12.0 points against the release of revision r (88.0% vs 100.0% on 100 paired cases); "
                + "cases that passed at its release and fail now: q1, q2, q3, q4, q5 and 2 more. It keeps serving; roll out a fix or accept the drift.",
            world.Status.Message,
            StringComparison.Ordinal);
        Assert.Equal(world.Revision, world.Status.StableRevision);
    }

    [Fact]
    public void An_accepted_drift_makes_the_newest_scheduled_run_the_release_and_it_no_longer_counts_as_drift()
    {
        var world = Released();
        world.Release = new KeptRelease(world.Revision, ["quality"], [$"llama-{world.Revision}-initial-quality"]);
        world.Settle();
        world.Now += TimeSpan.FromHours(6);
        world.Settle();
        var drift = Assert.Single(world.Runs.Values, r => r.Metadata.Labels["llmoperator.io/purpose"] == "drift");
        drift.Status = new EvaluationRunStatus { Phase = EvaluationPhase.Failed, Verdict = "Failed: the pass rate changed -12.0 points.", Attempts = 1 };
        world.Settle();
        Assert.Equal(RolloutPhase.Degraded, world.Status.Phase);

        world.Status.AcceptDrift = true;
        world.Settle();

        var accepted = world.Last!.RecordRelease!;
        Assert.Equal((world.Revision, drift.Metadata.Name), (accepted.Revision, accepted.Runs["quality"]));
        Assert.True(world.Status.AcceptDrift);

        world.Release = new KeptRelease(world.Revision, ["quality"], [drift.Metadata.Name]);
        world.Settle();

        Assert.Null(world.Status.AcceptDrift);
        Assert.Null(world.Last!.RecordRelease);
        Assert.Equal([drift.Metadata.Name], world.Status.ReleaseBaseline!.Runs);
        Assert.Equal(RolloutPhase.Healthy, world.Status.Phase);
    }
}
