using k8s.Models;
using LlmOperator.Api.V1Alpha1;

namespace LlmOperator.Controllers.Tests.ModelDeployments;

/// <summary>
/// spec.evaluation.onDrift: fallback as a state machine: drift, the fallback judged by the same gates,
/// the fallback serving, and the stable revision serving again; and every way a fallback can be wrong.
/// </summary>
public class DriftFallbackTests
{
    private const string SnapshotEndpoint = "http://llama-snapshot.ml.svc/v1";

    private static RolloutWorld Hourly(string fallback = "llama-snapshot")
    {
        var world = new RolloutWorld(
            new ModelDeploymentSpec
            {
                Model = new ModelSource { Name = "llama" },
                Engine = InferenceEngine.Mock,
                Replicas = 1,
                Evaluation = new ScheduledEvaluation { Schedule = "0 * * * *", Gates = ["quality"], OnDrift = DriftResponse.Fallback },
                Fallback = new ModelFallback { ModelRef = new LocalObjectReference { Name = fallback } },
            },
            "quality")
        {
            Fallback = Snapshot(RolloutPhase.Healthy),
        };
        world.Settle();
        return world;
    }

    private static ModelDeployment Snapshot(RolloutPhase phase, ServingFallbackStatus? servingFallback = null) => new()
    {
        Metadata = new V1ObjectMeta { Name = "llama-snapshot", NamespaceProperty = "ml" },
        Spec = new ModelDeploymentSpec { Model = new ModelSource { Name = "llama-snap" }, Engine = InferenceEngine.Mock },
        Status = new ModelDeploymentStatus
        {
            Phase = phase,
            StableRevision = "5a5a5a5a5a",
            Endpoint = SnapshotEndpoint,
            ServedModel = "llama-snap",
            ServingFallback = servingFallback,
        },
    };

    private static ModelDeployment Unserved()
    {
        var snapshot = Snapshot(RolloutPhase.Progressing);
        snapshot.Status!.Endpoint = null;
        return snapshot;
    }

    private static List<EvaluationRun> Runs(RolloutWorld world, string purpose) =>
        [.. world.Runs.Values.Where(r => r.Metadata.Labels["llmoperator.io/purpose"] == purpose)];

    private static void Finish(RolloutWorld world, string purpose, EvaluationPhase phase)
    {
        foreach (var run in Runs(world, purpose).Where(r => r.Status is null))
        {
            run.Status = new EvaluationRunStatus
            {
                Phase = phase,
                Verdict = phase == EvaluationPhase.Passed ? "Passed: every threshold is met" : "Failed: pass rate 0.62 is below minPassRate 0.8",
                Attempts = 1,
                CompletedAt = world.Now.UtcDateTime,
                Summary = new EvaluationSummary { PassRate = phase == EvaluationPhase.Passed ? 0.95 : 0.62 },
            };
        }

        world.Settle();
    }

    // An hour passes and the scheduled run of the stable revision finishes with phase.
    private static void Hour(RolloutWorld world, EvaluationPhase phase)
    {
        world.Now += TimeSpan.FromHours(1);
        world.Settle();
        Finish(world, "drift", phase);
    }

    private static Condition? Fallback(RolloutWorld world) => Conditions.Find(world.Status.Conditions, ConditionTypes.ServingFallback);

    private static string? Degraded(RolloutWorld world) => Conditions.Find(world.Status.Conditions, ConditionTypes.Degraded)?.Reason;

    [Fact]
    public void Drift_evaluates_the_fallback_with_the_same_gates_serves_it_once_it_passes_and_serves_the_stable_revision_again_once_drift_is_over()
    {
        var world = Hourly();
        var stable = world.Revision;
        var own = world.Status.Endpoint;
        Assert.Equal(("StandingBy", ConditionStatus.False), (Fallback(world)!.Reason, Fallback(world)!.Status));

        Hour(world, EvaluationPhase.Failed);
        var judged = Assert.Single(Runs(world, "fallback"));
        Assert.Equal(("llama-snapshot", "5a5a5a5a5a"), (judged.Spec.Target.Name, judged.Spec.Target.Revision));
        Assert.Equal(("http://llama-snapshot-stable.ml.svc/v1", "llama-snap"), (judged.Spec.Candidate.Url, judged.Spec.Candidate.Model));
        Assert.Null(judged.Spec.Baseline);
        Assert.Equal((RolloutPhase.Degraded, "EvaluationsDrifted"), (world.Status.Phase, Degraded(world)));
        Assert.Equal("EvaluatingFallback", Fallback(world)!.Reason);
        Assert.Equal(own, world.Status.Endpoint);

        Finish(world, "fallback", EvaluationPhase.Passed);
        Assert.Equal((RolloutPhase.Degraded, "ServingFallback"), (world.Status.Phase, Degraded(world)));
        Assert.Equal((SnapshotEndpoint, "llama-snap"), (world.Status.Endpoint, world.Status.ServedModel));
        Assert.Equal(("llama-snapshot", stable), (world.Status.ServingFallback!.Name, world.Status.ServingFallback.Replacing));
        Assert.Equal([judged.Metadata.Name], world.Status.ServingFallback.Runs!);
        Assert.Equal(ConditionStatus.True, Fallback(world)!.Status);
        Assert.Single(world.Events, e => e.Reason == "ServingFallback" && e.Type == "Warning");
        Assert.Contains("serves again once a scheduled run shows no drift", world.Status.Message, StringComparison.Ordinal);
        Assert.Equal(stable, world.Last!.Traffic!.MainRevision);

        // Still drifted an hour later: the fallback keeps serving, and is not judged again.
        Hour(world, EvaluationPhase.Failed);
        Assert.Equal(SnapshotEndpoint, world.Status.Endpoint);
        Assert.Single(Runs(world, "fallback"));
        Assert.Single(world.Events, e => e.Reason == "ServingFallback");

        Hour(world, EvaluationPhase.Passed);
        Assert.Equal(RolloutPhase.Healthy, world.Status.Phase);
        Assert.Null(world.Status.ServingFallback);
        Assert.Equal((own, "llama"), (world.Status.Endpoint, world.Status.ServedModel));
        Assert.Equal("StandingBy", Fallback(world)!.Reason);
        Assert.Single(world.Events, e => e.Reason == "DriftRecovered" && e.Type == "Normal");
        Assert.Empty(Runs(world, "fallback"));
        Assert.Equal(DriftResponse.Fallback, world.Model.Spec.Evaluation!.OnDrift);
    }

    [Fact]
    public void A_fallback_that_fails_the_gate_leaves_the_drift_an_alert_and_is_judged_again_only_at_the_next_drift()
    {
        var world = Hourly();
        var own = world.Status.Endpoint;

        Hour(world, EvaluationPhase.Failed);
        Finish(world, "fallback", EvaluationPhase.Failed);
        world.Settle();

        Assert.Equal((RolloutPhase.Degraded, "EvaluationsDrifted", own), (world.Status.Phase, Degraded(world), world.Status.Endpoint));
        Assert.Null(world.Status.ServingFallback);
        Assert.Equal("FallbackRejected", Fallback(world)!.Reason);
        Assert.Contains("It keeps serving: fallback llama-snapshot did not pass gate quality", world.Status.Message, StringComparison.Ordinal);
        Assert.Single(world.Events, e => e.Reason == "FallbackRejected");
        Assert.Single(Runs(world, "fallback"));

        Hour(world, EvaluationPhase.Failed);
        var again = Assert.Single(Runs(world, "fallback"), r => r.Status is null);
        Assert.Single(Runs(world, "fallback"));
        Assert.Contains("-fallback-202611261400-", again.Metadata.Name, StringComparison.Ordinal);
    }

    [Fact]
    public void A_drift_found_while_the_fallback_is_still_judged_does_not_stack_runs()
    {
        var world = Hourly();
        Hour(world, EvaluationPhase.Failed);
        Hour(world, EvaluationPhase.Failed);

        var judged = Assert.Single(Runs(world, "fallback"));
        Assert.Null(judged.Status);
        Assert.Equal("EvaluatingFallback", Fallback(world)!.Reason);
    }

    public static TheoryData<string, string> WrongFallbacks => new()
    {
        { "missing", "FallbackNotFound" },
        { "itself", "FallbackIsItself" },
        { "progressing", "FallbackNotHealthy" },
        { "chained", "FallbackServesFallback" },
        { "unserved", "FallbackNotServing" },
    };

    [Theory]
    [MemberData(nameof(WrongFallbacks))]
    public void A_fallback_that_cannot_serve_is_a_condition_and_drift_stays_an_alert_with_no_runs_and_no_loop(string wrong, string reason)
    {
        var world = Hourly(wrong == "itself" ? "llama" : "llama-snapshot");
        world.Fallback = wrong switch
        {
            "missing" => null,
            "progressing" => Snapshot(RolloutPhase.Progressing),
            "chained" => Snapshot(RolloutPhase.Degraded, new ServingFallbackStatus { Name = "llama", Endpoint = "http://llama.ml.svc/v1" }),
            "unserved" => Unserved(),
            _ => world.Fallback,
        };
        world.Settle();
        Assert.Equal((RolloutPhase.Healthy, reason), (world.Status.Phase, Fallback(world)!.Reason));

        Hour(world, EvaluationPhase.Failed);
        var events = world.Events.Count;
        world.Settle();
        world.Settle();

        Assert.Equal((RolloutPhase.Degraded, "EvaluationsDrifted", reason), (world.Status.Phase, Degraded(world), Fallback(world)!.Reason));
        Assert.Contains($"It keeps serving: fallback {(wrong == "itself" ? "llama" : "llama-snapshot")} is not used", world.Status.Message,
            StringComparison.Ordinal);
        Assert.Empty(Runs(world, "fallback"));
        Assert.Null(world.Status.ServingFallback);
        Assert.Equal(events, world.Events.Count);
    }

    [Fact]
    public void A_serving_fallback_that_stops_serving_hands_back_to_the_stable_revision_with_a_warning()
    {
        var world = Hourly();
        Hour(world, EvaluationPhase.Failed);
        Finish(world, "fallback", EvaluationPhase.Passed);
        Assert.NotNull(world.Status.ServingFallback);

        // Its own rollout does not matter; its deletion does.
        world.Fallback = Snapshot(RolloutPhase.Progressing);
        world.Settle();
        Assert.Equal(SnapshotEndpoint, world.Status.Endpoint);
        world.Fallback = null;
        world.Settle();

        Assert.Null(world.Status.ServingFallback);
        Assert.Equal("http://llama.ml.svc/v1", world.Status.Endpoint);
        Assert.Equal((RolloutPhase.Degraded, "EvaluationsDrifted", "FallbackNotFound"), (world.Status.Phase, Degraded(world), Fallback(world)!.Reason));
        Assert.Single(world.Events, e => e.Reason == "FallbackLost" && e.Type == "Warning");
    }

    [Fact]
    public void Accepting_the_drift_or_promoting_a_new_revision_ends_the_fallback()
    {
        var world = Hourly();
        Hour(world, EvaluationPhase.Failed);
        Finish(world, "fallback", EvaluationPhase.Passed);
        var drift = Runs(world, "drift").Single().Metadata.Name;

        world.Release = new LlmOperator.Controllers.ModelDeployments.Releases.KeptRelease(world.Revision, ["quality"], [drift]);
        world.Settle();
        Assert.Null(world.Status.ServingFallback);
        Assert.Equal(RolloutPhase.Healthy, world.Status.Phase);
        Assert.Contains(world.Events, e => e.Reason == "DriftRecovered" && e.Message.Contains("its drift is accepted", StringComparison.Ordinal));

        Hour(world, EvaluationPhase.Failed);
        Finish(world, "fallback", EvaluationPhase.Passed);
        Assert.NotNull(world.Status.ServingFallback);
        world.Commit(s => s.Model.Name = "llama-fixed");
        world.Settle();
        Assert.Null(world.Status.ServingFallback);
        Assert.Equal(("http://llama.ml.svc/v1", "llama-fixed"), (world.Status.Endpoint, world.Status.ServedModel));
        Assert.Single(world.Events, e => e.Reason == "FallbackReleased");
    }

    [Fact]
    public void Switching_onDrift_back_to_alert_ends_the_fallback_and_its_condition()
    {
        var world = Hourly();
        Hour(world, EvaluationPhase.Failed);
        Finish(world, "fallback", EvaluationPhase.Passed);

        world.Commit(s => s.Evaluation!.OnDrift = DriftResponse.Alert);
        world.Settle();

        Assert.Null(world.Status.ServingFallback);
        Assert.Null(Fallback(world));
        Assert.Equal((RolloutPhase.Degraded, "EvaluationsDrifted"), (world.Status.Phase, Degraded(world)));
        Assert.Single(world.Events, e => e.Reason == "FallbackReleased");
    }
}
