using LlmOperator.Api.V1Alpha1;

namespace LlmOperator.Controllers.Tests.ModelDeployments;

/// <summary>
/// Rollouts within spec.rollout.maxSurge and maxUnavailable, and the progress deadline of a promotion: the cluster's pods
/// come from each plan's replicas, and readiness is set by hand, as a cluster with room for only so many pods reports it.
/// </summary>
public class SurgeLimitedRolloutTests
{
    private static ModelDeploymentSpec Spec(int replicas, string? maxSurge, string? maxUnavailable, params RolloutStep[] steps) => new()
    {
        Model = new ModelSource { Name = "llama-3.1-8b" },
        Engine = InferenceEngine.Mock,
        Replicas = replicas,
        Rollout = new RolloutStrategy { Steps = [.. steps], MaxSurge = maxSurge, MaxUnavailable = maxUnavailable, ProgressDeadlineSeconds = 600 },
    };

    private static RolloutStep Evaluate() => new() { Evaluate = new EvaluateStep { Gates = ["quality"] } };

    // A stable first revision, then a commit whose canary's pods become ready only when the test says so.
    private static (RolloutWorld World, string Stable, string Canary) Rolling(ModelDeploymentSpec spec)
    {
        var world = new RolloutWorld(spec, "quality");
        world.Settle();
        var stable = world.Revision;
        world.PodsBecomeReady = false;
        world.Commit(s => s.Model.Name = "llama-3.2-8b");
        world.Settle();
        return (world, stable, world.Revision);
    }

    // The canary passes its evaluation on one ready replica; the next reconcile starts the promotion.
    private static (RolloutWorld World, string Stable, string Canary) Promoting(int replicas, string? maxSurge)
    {
        var (world, stable, canary) = Rolling(Spec(replicas, maxSurge, null, Evaluate()));
        world.SetReady(canary, 1);
        world.Settle();
        world.FinishRuns(EvaluationPhase.Passed);
        world.Reconcile();
        return (world, stable, canary);
    }

    private static (int Stable, int Canary) Replicas(RolloutWorld world, string stable, string canary) =>
        (world.Last!.Replicas[stable], world.Last.Replicas[canary]);

    [Fact]
    public void A_promotion_with_max_surge_1_scales_the_stable_revision_down_only_as_canary_replicas_become_ready()
    {
        var (world, stable, canary) = Promoting(replicas: 3, maxSurge: "1");
        Assert.Equal((2, 2), Replicas(world, stable, canary));
        Assert.Equal(RolloutPhase.Progressing, world.Status.Phase);
        Assert.Equal(
            $"Promoting revision {canary}: 1 of 3 replicas ready; revision {stable} keeps 2 until more are (maxSurge 1, maxUnavailable 0).",
            world.Status.Message);
        // The route and the status follow the ready replicas: 1 of the canary's beside the stable revision's 3.
        Assert.Equal((null, 25), (world.Last!.Traffic!.MainRevision, world.Last.Traffic.CanaryWeight));
        Assert.Equal(25, world.Status.CanaryWeight);

        // However often it is reconciled, the stable revision gives up nothing more until another canary replica is ready.
        world.Now += TimeSpan.FromMinutes(5);
        world.Settle();
        Assert.Equal((2, 2), Replicas(world, stable, canary));

        world.SetReady(canary, 2);
        world.Reconcile();
        Assert.Equal((1, 3), Replicas(world, stable, canary));

        world.SetReady(canary, 3);
        world.Reconcile();
        Assert.Equal((0, 3), Replicas(world, stable, canary));
        Assert.Equal(canary, world.Status.StableRevision);
        Assert.Equal(RolloutPhase.Healthy, world.Status.Phase);
        Assert.Null(world.Status.CanaryProgress);
    }

    [Fact]
    public void The_default_max_surge_starts_every_canary_replica_at_once()
    {
        var (world, stable, canary) = Promoting(replicas: 3, maxSurge: null);

        // All three canary replicas start beside the stable ones; the stable revision still keeps what the canary has not replaced.
        Assert.Equal((2, 3), Replicas(world, stable, canary));
    }

    [Fact]
    public void A_promotion_that_gets_no_more_ready_replicas_within_the_progress_deadline_is_aborted_and_says_so()
    {
        var (world, stable, canary) = Promoting(replicas: 3, maxSurge: "1");
        Assert.Equal(TimeSpan.FromSeconds(600), world.Last!.RequeueAfter);

        // One more ready replica starts the clock again.
        world.Now += TimeSpan.FromSeconds(400);
        world.SetReady(canary, 2);
        world.Reconcile();
        Assert.Equal(TimeSpan.FromSeconds(600), world.Last!.RequeueAfter);
        world.Now += TimeSpan.FromSeconds(599);
        world.Reconcile();
        Assert.Equal(RolloutPhase.Progressing, world.Status.Phase);
        Assert.Equal(TimeSpan.FromSeconds(1), world.Last!.RequeueAfter);

        world.Now += TimeSpan.FromSeconds(1);
        world.Reconcile();

        var why = "its canary had 2 of 3 replicas ready while it was promoted and no more became ready within 600 s; "
            + "the cluster may lack capacity for its pods (GPUs, quota; maxSurge 1, maxUnavailable 0), or they fail to start";
        Assert.True(world.Status.Abort);
        Assert.Equal(RolloutPhase.Degraded, world.Status.Phase);
        Assert.Equal($"Rollout of revision {canary} aborted: {why}. Revision {stable} serves all traffic; llmop retry rolls out again.", world.Status.Message);
        var degraded = Conditions.Find(world.Status.Conditions, ConditionTypes.Degraded)!;
        Assert.Equal(("PromotionDeadlineExceeded", $"Rollout of revision {canary} aborted: {why}"), (degraded.Reason, degraded.Message));
        var history = world.Status.History![0];
        Assert.Equal((RolloutResult.Aborted, canary, why), (history.Result, history.Revision, history.Message));
        Assert.Contains(world.Events, e => e.IsWarning && e.Reason == "RolloutAborted" && e.Message.Contains(why, StringComparison.Ordinal));

        // The stable revision takes all traffic and its full size back; the canary keeps what maxSurge leaves room for, for a while.
        Assert.Equal(stable, world.Last!.Traffic!.MainRevision);
        Assert.Equal((3, 1), Replicas(world, stable, canary));
        world.Now += TimeSpan.FromSeconds(30);
        world.Reconcile();
        Assert.Equal((3, 0), Replicas(world, stable, canary));
    }

    [Fact]
    public void An_operator_restarted_in_the_middle_of_a_promotion_goes_on_with_the_same_replicas_and_the_same_deadline()
    {
        var (world, stable, canary) = Promoting(replicas: 3, maxSurge: "1");
        world.Now += TimeSpan.FromSeconds(300);

        var restarted = world.Restarted();
        restarted.Reconcile();
        Assert.Equal((2, 2), Replicas(restarted, stable, canary));
        Assert.Equal(TimeSpan.FromSeconds(300), restarted.Last!.RequeueAfter);
        Assert.Equal(RolloutPhase.Progressing, restarted.Status.Phase);

        restarted = restarted.Restarted();
        restarted.SetReady(canary, 2);
        restarted.Reconcile();
        Assert.Equal((1, 3), Replicas(restarted, stable, canary));

        restarted.Now += TimeSpan.FromSeconds(600);
        restarted = restarted.Restarted();
        restarted.Reconcile();
        Assert.True(restarted.Status.Abort);
        Assert.Equal("PromotionDeadlineExceeded", Conditions.Find(restarted.Status.Conditions, ConditionTypes.Degraded)!.Reason);
    }

    [Fact]
    public void With_a_route_a_canary_step_takes_stable_replicas_only_beyond_max_surge_and_only_once_its_own_are_ready()
    {
        var spec = Spec(4, "1", null, new RolloutStep { SetWeight = 50 }, new RolloutStep { Pause = new PauseStep() });
        spec.Rollout!.TrafficRouting = new TrafficRouting
        {
            GatewayApi = new GatewayApiRouting { ParentRefs = [new GatewayParentReference { Name = "public" }] },
        };
        var (world, stable, canary) = Rolling(spec);
        // Before it takes traffic the canary's one pod is the surge; the stable revision keeps all of its replicas.
        Assert.Equal((4, 1), Replicas(world, stable, canary));

        // At 50% the canary asks for 2 pods; the stable revision gives up one for the canary's ready one, the other is the surge.
        world.SetReady(canary, 1);
        world.Settle();
        Assert.Equal((3, 2), Replicas(world, stable, canary));
        Assert.Equal(50, world.Last!.Traffic!.CanaryWeight);
        Assert.Equal(RolloutPhase.Progressing, world.Status.Phase);
        Assert.Equal($"Step 2 of 2: waiting for the canary of revision {canary} to be ready (1 of 2 replicas).", world.Status.Message);

        world.SetReady(canary, 2);
        world.Settle();
        Assert.Equal((3, 2), Replicas(world, stable, canary));
        Assert.Equal(RolloutPhase.Paused, world.Status.Phase);
    }

    [Fact]
    public void With_max_surge_0_the_stable_revision_gives_up_a_replica_before_the_canary_starts_and_never_more_pods_run_than_replicas()
    {
        var (world, stable, canary) = Rolling(Spec(2, "0", "1", Evaluate()));
        Assert.Equal((1, 1), Replicas(world, stable, canary));
        var pods = new List<int>();
        void Reconcile(int ready)
        {
            world.SetReady(canary, ready);
            world.Reconcile();
            pods.Add(world.Last!.Replicas.Values.Sum());
        }

        Reconcile(1);
        world.FinishRuns(EvaluationPhase.Passed);
        Reconcile(1);
        Assert.Equal((0, 2), Replicas(world, stable, canary));
        Reconcile(2);

        Assert.Equal(canary, world.Status.StableRevision);
        Assert.Equal(RolloutPhase.Healthy, world.Status.Phase);
        Assert.All(pods, total => Assert.True(total <= 2, $"{total} pods"));
    }

    [Fact]
    public void A_canary_that_never_gets_the_replicas_a_later_step_needs_is_aborted_at_the_progress_deadline()
    {
        var (world, stable, canary) = Rolling(Spec(4, "1", null, new RolloutStep { SetWeight = 50 }, Evaluate()));
        world.SetReady(canary, 1);
        world.Settle();
        Assert.Equal((3, 2), Replicas(world, stable, canary));

        world.Now += TimeSpan.FromSeconds(600);
        world.Reconcile();

        var degraded = Conditions.Find(world.Status.Conditions, ConditionTypes.Degraded)!;
        Assert.Equal("ProgressDeadlineExceeded", degraded.Reason);
        Assert.Contains("its canary had 1 of 2 replicas ready before step 2 and no more became ready within 600 s", degraded.Message, StringComparison.Ordinal);
        Assert.Empty(world.Runs);
    }
}
