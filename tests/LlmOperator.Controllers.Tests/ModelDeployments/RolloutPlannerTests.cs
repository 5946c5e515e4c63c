using LlmOperator.Api.V1Alpha1;
using LlmOperator.Controllers.Common;

namespace LlmOperator.Controllers.Tests.ModelDeployments;

public class RolloutPlannerTests
{
    private static ModelDeploymentSpec Spec(params RolloutStep[] steps) => new()
    {
        Model = new ModelSource { Name = "llama-3.1-8b" },
        Engine = InferenceEngine.Mock,
        Replicas = 2,
        Rollout = new RolloutStrategy { Steps = [.. steps] },
    };

    private static RolloutStep Evaluate(params string[] gates) => new() { Evaluate = new EvaluateStep { Gates = [.. gates] } };

    private static RolloutStep Weight(int weight) => new() { SetWeight = weight };

    private static RolloutStep Pause(string? duration = null) => new() { Pause = new PauseStep { Duration = duration } };

    private static RolloutWorld Stable(params RolloutStep[] steps)
    {
        var world = new RolloutWorld(Spec(steps), "quality");
        world.Settle();
        return world;
    }

    [Fact]
    public void The_first_revision_becomes_stable_without_steps_and_is_healthy_once_ready()
    {
        var world = new RolloutWorld(Spec(Evaluate("quality")), "quality") { PodsBecomeReady = false };

        world.Reconcile();

        Assert.Equal(world.Revision, world.Status.StableRevision);
        Assert.Null(world.Status.CanaryRevision);
        Assert.Equal(RolloutPhase.Progressing, world.Status.Phase);
        Assert.Equal("Revision " + world.Revision + " has 0 of 2 replicas ready.", world.Status.Message);
        Assert.Equal(2, world.Last!.Replicas[world.Revision]);
        Assert.Equal("http://llama.ml.svc/v1", world.Status.Endpoint);
        Assert.Empty(world.Runs);

        world.PodsBecomeReady = true;
        world.Reconcile();
        world.Reconcile();

        Assert.Equal(RolloutPhase.Healthy, world.Status.Phase);
        Assert.Equal(1, world.Status.ObservedGeneration);
        Assert.Equal(ConditionStatus.True, Conditions.Find(world.Status.Conditions, ConditionTypes.Available)!.Status);
        // The history says it; an event would be one more write for every object, and nothing rolled out.
        Assert.Equal(RolloutResult.Promoted, Assert.Single(world.Status.History!).Result);
        Assert.Empty(world.Events);
    }

    [Fact]
    public void A_new_revision_goes_through_evaluate_weight_pause_evaluate_and_is_promoted()
    {
        var world = Stable(Evaluate("quality"), Weight(50), Pause("2s"), Evaluate("quality"));
        var first = world.Revision;
        world.Commit(spec => spec.Model.Name = "llama-3.2-8b");
        var second = world.Revision;

        world.Settle();
        Assert.Equal(second, world.Status.CanaryRevision);
        Assert.Equal(0, world.Status.CurrentStepIndex);
        Assert.Equal(RolloutPhase.Progressing, world.Status.Phase);
        Assert.Equal([ModelDeploymentNames.StepRun("llama", second, 1, 0, "quality")], world.Runs.Keys);
        var run = world.Runs.Values.Single();
        Assert.Equal("http://llama-canary.ml.svc/v1", run.Spec.Candidate.Url);
        Assert.Equal("http://llama-stable.ml.svc/v1", run.Spec.Baseline!.Url);
        Assert.Equal(first, run.Spec.Baseline.Revision);
        Assert.Equal((first, second), (world.Last!.Traffic!.StableRevision, world.Last.Traffic.CanaryRevision));
        Assert.Equal(first, world.Last.Traffic.MainRevision);
        Assert.Equal(2, world.Last.Replicas[first]);
        Assert.Equal(1, world.Last.Replicas[second]);

        world.FinishRuns(EvaluationPhase.Passed);
        world.Settle();
        Assert.Equal(2, world.Status.CurrentStepIndex);
        Assert.Equal(50, world.Status.CanaryWeight);
        Assert.Equal(RolloutPhase.Paused, world.Status.Phase);
        Assert.Null(world.Last!.Traffic!.MainRevision);
        Assert.Equal(TimeSpan.FromSeconds(2), world.Last.RequeueAfter);
        Assert.Equal(PauseReason.CanaryPauseStep, world.Status.PauseConditions!.Single().Reason);

        world.Now += TimeSpan.FromSeconds(2);
        world.Settle();
        Assert.Equal(3, world.Status.CurrentStepIndex);
        Assert.Null(world.Status.PauseConditions);
        Assert.Equal(2, world.Runs.Count);

        world.FinishRuns(EvaluationPhase.Passed);
        world.Settle();
        Assert.Equal(second, world.Status.StableRevision);
        Assert.Null(world.Status.CanaryRevision);
        Assert.Equal(RolloutPhase.Healthy, world.Status.Phase);
        Assert.Equal(0, world.Last!.Replicas[first]);
        Assert.Equal(2, world.Last.Replicas[second]);
        Assert.Equal(second, world.Last.Traffic!.MainRevision);
        Assert.Equal(RolloutResult.Promoted, world.Status.History![0].Result);
        Assert.Equal(second, world.Status.History[0].Revision);
        Assert.Contains(world.Events, e => e.Reason == "RolloutPromoted");
    }

    [Fact]
    public void A_failed_gate_aborts_back_to_stable_and_scales_the_canary_down_after_the_delay()
    {
        var world = Stable(Weight(20), Evaluate("quality"), Weight(100));
        var first = world.Revision;
        world.Commit(spec => spec.Model.Name = "worse-model");
        var second = world.Revision;
        world.Settle();
        Assert.Equal(20, world.Status.CanaryWeight);

        world.FinishRuns(EvaluationPhase.Failed, "Failed: pass rate 0.62 is below minPassRate 0.90.");
        world.Settle();

        Assert.True(world.Status.Abort);
        Assert.Equal(0, world.Status.CanaryWeight);
        Assert.Equal(RolloutPhase.Degraded, world.Status.Phase);
        Assert.Equal(
            $"Rollout of revision {second} aborted: gate quality failed: pass rate 0.62 is below minPassRate 0.90. " +
                $"Revision {first} serves all traffic; llmop retry rolls out again.",
            world.Status.Message);
        var degraded = Conditions.Find(world.Status.Conditions, ConditionTypes.Degraded)!;
        Assert.Equal(("EvaluationFailed", ConditionStatus.True), (degraded.Reason, degraded.Status));
        Assert.Equal(first, world.Last!.Traffic!.MainRevision);
        Assert.Equal(1, world.Last.Replicas[second]);
        Assert.Equal(TimeSpan.FromSeconds(30), world.Last.RequeueAfter);
        Assert.Contains(world.Events, e => e.IsWarning && e.Reason == "RolloutAborted");
        Assert.Equal(RolloutResult.Aborted, world.Status.History![0].Result);

        world.Now += TimeSpan.FromSeconds(30);
        world.Reconcile();
        Assert.Equal(0, world.Last!.Replicas[second]);
        Assert.Equal(first, world.Status.StableRevision);
        Assert.Equal(RolloutPhase.Degraded, world.Status.Phase);
    }

    [Fact]
    public void Reverting_the_spec_to_the_stable_revision_skips_every_step()
    {
        var world = Stable(Weight(20), Evaluate("quality"));
        var original = world.Model.Spec.Model.Name;
        var first = world.Revision;
        world.Commit(spec => spec.Model.Name = "worse-model");
        world.Settle();
        world.FinishRuns(EvaluationPhase.Failed);
        world.Settle();

        world.Commit(spec => spec.Model.Name = original);
        world.Settle();

        Assert.Equal(first, world.Revision);
        Assert.Equal(RolloutPhase.Healthy, world.Status.Phase);
        Assert.Null(world.Status.CanaryRevision);
        Assert.Null(world.Status.Abort);
        Assert.Equal(ConditionStatus.False, Conditions.Find(world.Status.Conditions, ConditionTypes.Degraded)!.Status);
        Assert.Contains(world.Events, e => e.Reason == "RolloutAbandoned");
    }

    [Fact]
    public void A_spec_change_mid_rollout_restarts_on_the_newest_revision()
    {
        var world = Stable(Evaluate("quality"), Weight(50));
        world.Commit(spec => spec.Model.Name = "second");
        var second = world.Revision;
        world.Settle();
        world.Commit(spec => spec.Model.Name = "third");
        var third = world.Revision;

        world.Settle();

        Assert.Equal(third, world.Status.CanaryRevision);
        Assert.Equal(0, world.Status.CurrentStepIndex);
        Assert.Equal(RolloutResult.Superseded, world.Status.History![0].Result);
        Assert.Equal(second, world.Status.History[0].Revision);
        Assert.DoesNotContain(second, world.Last!.Replicas.Where(r => r.Value > 0).Select(r => r.Key));
    }

    [Fact]
    public void An_inconclusive_evaluation_pauses_until_promoted()
    {
        var world = Stable(Evaluate("quality"), Weight(100));
        world.Commit(spec => spec.Model.Name = "second");
        world.Settle();
        world.FinishRuns(EvaluationPhase.Inconclusive, "Inconclusive: 8 paired cases, fewer than minCases 10.");
        world.Settle();

        Assert.Equal(RolloutPhase.Paused, world.Status.Phase);
        Assert.Equal(PauseReason.InconclusiveEvaluation, world.Status.PauseConditions!.Single().Reason);
        Assert.True(world.Status.ControllerPause);

        world.Status.PauseConditions = null;
        world.Settle();

        Assert.Equal(RolloutPhase.Healthy, world.Status.Phase);
        Assert.Null(world.Status.CanaryRevision);
    }

    [Theory]
    [InlineData(InconclusivePolicy.Fail, RolloutPhase.Degraded)]
    [InlineData(InconclusivePolicy.Pass, RolloutPhase.Healthy)]
    public void On_inconclusive_fail_aborts_and_pass_goes_on(InconclusivePolicy policy, RolloutPhase expected)
    {
        var world = Stable(new RolloutStep { Evaluate = new EvaluateStep { Gates = ["quality"], OnInconclusive = policy } });
        world.Commit(spec => spec.Model.Name = "second");
        world.Settle();
        world.FinishRuns(EvaluationPhase.Error, "Error: the endpoint returned 503 for every retry.");

        world.Settle();

        Assert.Equal(expected, world.Status.Phase);
    }

    [Fact]
    public void An_evaluation_error_with_attempts_left_keeps_the_step_waiting()
    {
        var world = Stable(Evaluate("quality"), Weight(100));
        world.Commit(spec => spec.Model.Name = "second");
        world.Settle();

        world.FinishRuns(EvaluationPhase.Error, "Error: the evaluation job crashed; attempt 1 of 3, retrying", attempts: 1);
        world.Settle();

        Assert.Equal(RolloutPhase.Progressing, world.Status.Phase);
        Assert.Equal(0, world.Status.CurrentStepIndex);
        Assert.Null(world.Status.Abort);
    }

    [Fact]
    public void An_indefinite_pause_waits_for_a_promotion_and_promote_full_skips_the_rest()
    {
        var world = Stable(Pause(), Evaluate("quality"), Weight(100));
        world.Commit(spec => spec.Model.Name = "second");
        var second = world.Revision;
        world.Settle();
        world.Now += TimeSpan.FromHours(5);
        world.Settle();
        Assert.Equal(RolloutPhase.Paused, world.Status.Phase);
        Assert.Null(world.Last!.RequeueAfter);

        world.Status.PromoteFull = true;
        world.Settle();

        Assert.Equal(second, world.Status.StableRevision);
        Assert.Empty(world.Runs);
        Assert.Equal("promoted by llmop promote --full", world.Status.History![0].Message);
    }

    [Theory]
    // No deadline: the mock server's startup budget (120 s) and 600 s to schedule the pod and pull its image.
    [InlineData(null, null, 720)]
    // A model server given an hour to load its model gets an hour and ten minutes before its canary is given up.
    [InlineData(null, 3600, 4200)]
    [InlineData(300, null, 300)]
    public void A_canary_that_never_becomes_ready_is_aborted_at_the_progress_deadline(int? deadline, int? startup, int seconds)
    {
        var world = Stable(Evaluate("quality"));
        world.PodsBecomeReady = false;
        world.Commit(spec =>
        {
            spec.Model.Name = "does-not-load";
            spec.Rollout!.ProgressDeadlineSeconds = deadline;
            spec.Server = startup is null ? null : new ServerSettings { StartupSeconds = startup };
        });
        world.Settle();
        Assert.Equal(TimeSpan.FromSeconds(seconds), world.Last!.RequeueAfter);

        world.Now += TimeSpan.FromSeconds(seconds - 1);
        world.Settle();
        Assert.NotEqual(true, world.Status.Abort);

        world.Now += TimeSpan.FromSeconds(1);
        world.Settle();

        Assert.True(world.Status.Abort);
        var degraded = Conditions.Find(world.Status.Conditions, ConditionTypes.Degraded)!;
        Assert.Equal("ProgressDeadlineExceeded", degraded.Reason);
        Assert.StartsWith(
            $"Rollout of revision {world.Revision} aborted: its canary had 0 of 1 replicas ready before step 1 and no more became ready within {seconds} s; ",
            degraded.Message, StringComparison.Ordinal);
        Assert.Empty(world.Runs);
    }

    [Fact]
    public void Abort_and_retry_are_status_edits_and_a_retry_evaluates_afresh()
    {
        var world = Stable(Evaluate("quality"));
        world.Commit(spec => spec.Model.Name = "second");
        var second = world.Revision;
        world.Settle();

        world.Status.Abort = true;
        world.Settle();
        Assert.Equal("UserAborted", Conditions.Find(world.Status.Conditions, ConditionTypes.Degraded)!.Reason);
        Assert.Equal("aborted by llmop abort", world.Status.History![0].Message);

        world.Status.Abort = false;
        world.Settle();

        Assert.Equal(2, world.Status.Attempt);
        Assert.Equal(RolloutPhase.Progressing, world.Status.Phase);
        Assert.Contains(ModelDeploymentNames.StepRun("llama", second, 2, 0, "quality"), world.Runs.Keys);
        Assert.Contains(world.Events, e => e.Reason == "RolloutRetried");
    }

    [Fact]
    public void A_gate_with_a_prompt_renders_both_sides_through_the_prompts_active_version()
    {
        var world = Stable(Evaluate("quality"));
        world.Gates["quality"].Spec.PromptRef = new PromptReference { Name = "support-answer" };
        world.ActivePromptVersions["support-answer"] = 3;
        world.Commit(spec => spec.Model.Name = "llama-3.2-8b");

        world.Settle();

        var run = Assert.Single(world.Runs.Values, r => r.Spec.Target.Revision == world.Revision);
        Assert.Equal((3, 3), (run.Spec.Candidate.PromptVersion, run.Spec.Baseline!.PromptVersion));
        Assert.Equal("support-answer", run.Spec.Gate.Spec.PromptRef!.Name);
    }

    [Fact]
    public void A_gate_that_does_not_exist_degrades_the_rollout_and_names_it()
    {
        var world = Stable(Evaluate("missing"));
        world.Commit(spec => spec.Model.Name = "second");

        world.Settle();

        Assert.Equal(RolloutPhase.Degraded, world.Status.Phase);
        Assert.Equal("GateNotFound", Conditions.Find(world.Status.Conditions, ConditionTypes.Degraded)!.Reason);
        Assert.Contains("EvaluationGate missing", world.Status.Message, StringComparison.Ordinal);
        Assert.Equal("GateNotFound", Conditions.Find(world.Status.Conditions, ConditionTypes.Degraded)!.Reason);
        Assert.Empty(world.Runs);
    }

    [Fact]
    public void A_missing_gate_records_one_warning_event_however_often_it_is_reconciled()
    {
        var world = Stable(Evaluate("missing"));
        world.Commit(spec => spec.Model.Name = "second");

        world.Settle();
        world.Now += TimeSpan.FromMinutes(5);
        world.Reconcile();
        world.Reconcile();

        var warning = Assert.Single(world.Events, e => e.Reason == "GateNotFound");
        Assert.True(warning.IsWarning);
        Assert.Equal(RolloutPhase.Degraded, world.Status.Phase);
    }

    [Fact]
    public void Creating_the_missing_gate_lets_the_rollout_continue()
    {
        var world = Stable(Evaluate("missing"), Weight(100));
        world.Commit(spec => spec.Model.Name = "second");
        var second = world.Revision;
        world.Settle();

        world.CreateGate("missing");
        world.Settle();

        Assert.Equal(RolloutPhase.Progressing, world.Status.Phase);
        Assert.Equal([ModelDeploymentNames.StepRun("llama", second, 1, 0, "missing")], world.Runs.Keys);
        Assert.Equal(ConditionStatus.False, Conditions.Find(world.Status.Conditions, ConditionTypes.Degraded)!.Status);

        world.FinishRuns(EvaluationPhase.Passed);
        world.Settle();

        Assert.Equal(second, world.Status.StableRevision);
        Assert.Equal(RolloutPhase.Healthy, world.Status.Phase);
    }

    [Fact]
    public void A_name_longer_than_52_characters_is_degraded_and_deploys_nothing()
    {
        var world = new RolloutWorld(Spec(Evaluate("quality")), "quality");
        world.Model.Metadata.Name = new string('a', 53);

        world.Settle();

        Assert.Equal(RolloutPhase.Degraded, world.Status.Phase);
        var degraded = Conditions.Find(world.Status.Conditions, ConditionTypes.Degraded)!;
        Assert.Equal((ConditionStatus.True, "InvalidName"), (degraded.Status, degraded.Reason));
        Assert.StartsWith($"The name {world.Model.Metadata.Name} has 53 characters; at most 52", world.Status.Message, StringComparison.Ordinal);
        Assert.Empty(world.Last!.Replicas);
        Assert.Null(world.Last.Traffic);
        Assert.Empty(world.Runs);
        Assert.Null(world.Status.StableRevision);
        Assert.Single(world.Events, e => e.IsWarning && e.Reason == "InvalidName");
    }

    [Fact]
    public void A_name_of_52_characters_is_deployed()
    {
        var world = new RolloutWorld(Spec(), "quality");
        world.Model.Metadata.Name = new string('a', 52);

        world.Settle();

        Assert.Equal(RolloutPhase.Healthy, world.Status.Phase);
        Assert.Equal(2, world.Last!.Replicas[world.Revision]);
    }

    [Fact]
    public void A_scheduled_evaluation_naming_a_missing_gate_degrades_while_the_stable_revision_keeps_serving()
    {
        var spec = Spec();
        spec.Evaluation = new ScheduledEvaluation { Schedule = "0 */6 * * *", Gates = ["missing"] };
        var world = new RolloutWorld(spec, "quality");

        world.Settle();

        var degraded = Conditions.Find(world.Status.Conditions, ConditionTypes.Degraded)!;
        Assert.Equal((ConditionStatus.True, "GateNotFound"), (degraded.Status, degraded.Reason));
        Assert.Equal(RolloutPhase.Degraded, world.Status.Phase);
        Assert.Contains("spec.evaluation", world.Status.Message, StringComparison.Ordinal);
        Assert.Equal(world.Revision, world.Last!.Traffic!.MainRevision);
        Assert.Equal(2, world.Last.Replicas[world.Revision]);
        Assert.Equal(ConditionStatus.True, Conditions.Find(world.Status.Conditions, ConditionTypes.Available)!.Status);
    }

    [Fact]
    public void A_scheduled_evaluation_runs_its_other_gates_and_stays_degraded_while_one_is_missing()
    {
        var spec = Spec();
        spec.Evaluation = new ScheduledEvaluation { Schedule = "0 */6 * * *", Gates = ["quality", "missing"] };
        var world = new RolloutWorld(spec, "quality");
        world.Settle();

        world.Now += TimeSpan.FromHours(6);
        world.Settle();
        world.Now += TimeSpan.FromMinutes(5);
        world.Reconcile();

        Assert.Equal("llama-drift-202611261800-quality", world.Runs.Keys.Single());
        Assert.Equal(RolloutPhase.Degraded, world.Status.Phase);
        Assert.Equal("GateNotFound", Conditions.Find(world.Status.Conditions, ConditionTypes.Degraded)!.Reason);
        Assert.Single(world.Events, e => e.IsWarning && e.Reason == "GateNotFound");
    }

    [Fact]
    public void A_scheduled_evaluation_naming_two_missing_gates_records_one_warning_event()
    {
        var spec = Spec();
        spec.Evaluation = new ScheduledEvaluation { Schedule = "0 */6 * * *", Gates = ["missing", "also-missing"] };
        var world = new RolloutWorld(spec, "quality");

        world.Settle();
        world.Reconcile();

        var warning = Assert.Single(world.Events, e => e.Reason == "GateNotFound");
        Assert.Contains("EvaluationGate missing,", warning.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Creating_the_missing_gate_of_a_schedule_makes_the_stable_revision_healthy()
    {
        var spec = Spec();
        spec.Evaluation = new ScheduledEvaluation { Schedule = "0 */6 * * *", Gates = ["missing"] };
        var world = new RolloutWorld(spec, "quality");
        world.Settle();

        world.CreateGate("missing");
        world.Settle();

        Assert.Equal(RolloutPhase.Healthy, world.Status.Phase);
        Assert.Equal(ConditionStatus.False, Conditions.Find(world.Status.Conditions, ConditionTypes.Degraded)!.Status);
    }

    [Fact]
    public void The_first_revision_can_be_evaluated_on_its_own()
    {
        var spec = Spec(Evaluate("quality"));
        spec.Rollout!.EvaluateFirstDeployment = true;
        var world = new RolloutWorld(spec, "quality");

        world.Settle();
        Assert.Equal(RolloutPhase.Progressing, world.Status.Phase);
        var run = world.Runs.Values.Single();
        Assert.Null(run.Spec.Baseline);
        Assert.Equal("http://llama-stable.ml.svc/v1", run.Spec.Candidate.Url);

        world.FinishRuns(EvaluationPhase.Failed, "Failed: critical case refund-policy failed.");
        world.Settle();
        Assert.Equal(RolloutPhase.Degraded, world.Status.Phase);
        Assert.Equal(world.Revision, world.Status.StableRevision);
    }

    [Fact]
    public void A_first_revision_whose_evaluation_is_inconclusive_is_degraded_as_inconclusive_not_as_failed()
    {
        var spec = Spec(Evaluate("quality", "safety"));
        spec.Rollout!.EvaluateFirstDeployment = true;
        var world = new RolloutWorld(spec, "quality", "safety");
        world.Settle();

        world.Runs.Values.First(r => r.Spec.Gate.Name == "quality").Status = new EvaluationRunStatus
        {
            Phase = EvaluationPhase.Inconclusive,
            Verdict = "Inconclusive: too few cases",
            Attempts = 1,
        };
        world.Settle();
        Assert.Equal(RolloutPhase.Progressing, world.Status.Phase);

        world.FinishRuns(EvaluationPhase.Passed);
        world.Settle();
        Assert.Equal(RolloutPhase.Degraded, world.Status.Phase);
        Assert.Equal("EvaluationInconclusive", Conditions.Find(world.Status.Conditions, ConditionTypes.Degraded)!.Reason);
        Assert.Equal("quality", world.Status.CurrentEvaluation!.Name.Split('-')[^1]);
        Assert.Single(world.Events, e => e.Reason == "EvaluationInconclusive" && e.IsWarning);
    }

    [Fact]
    public void A_first_revision_to_be_evaluated_with_a_gate_not_yet_created_stays_degraded_until_the_gate_judges_it()
    {
        var spec = Spec(Evaluate("quality"));
        spec.Rollout!.EvaluateFirstDeployment = true;
        var world = new RolloutWorld(spec);

        world.Settle();
        world.Settle();
        Assert.Equal(RolloutPhase.Degraded, world.Status.Phase);
        Assert.Equal("GateNotFound", Conditions.Find(world.Status.Conditions, ConditionTypes.Degraded)!.Reason);
        Assert.Empty(world.Runs);
        Assert.Single(world.Events, e => e.Reason == "GateNotFound");

        world.CreateGate("quality");
        world.Settle();
        Assert.Equal(RolloutPhase.Progressing, world.Status.Phase);
        Assert.Null(world.Runs.Values.Single().Spec.Baseline);

        world.FinishRuns(EvaluationPhase.Passed, "Passed: every threshold is met.");
        world.Settle();
        Assert.Equal(RolloutPhase.Healthy, world.Status.Phase);
        Assert.Single(world.Runs);
    }

    [Fact]
    public void Scheduled_evaluation_of_the_stable_revision_reports_drift_without_changing_what_serves()
    {
        var spec = Spec();
        spec.Evaluation = new ScheduledEvaluation { Schedule = "0 */6 * * *", Gates = ["quality"] };
        var world = new RolloutWorld(spec, "quality");
        world.Settle();
        var stable = world.Revision;
        Assert.Equal(TimeSpan.FromHours(6), world.Last!.RequeueAfter);
        Assert.Empty(world.Runs);

        world.Now += TimeSpan.FromHours(6);
        world.Settle();
        Assert.Equal("llama-drift-202611261800-quality", world.Runs.Keys.Single());

        world.FinishRuns(EvaluationPhase.Failed, "Failed: accuracy fell from 0.91 to 0.62.");
        world.Settle();

        Assert.Equal(RolloutPhase.Degraded, world.Status.Phase);
        Assert.Equal(ConditionStatus.False, Conditions.Find(world.Status.Conditions, ConditionTypes.EvaluationsPassing)!.Status);
        Assert.Equal("EvaluationsDrifted", Conditions.Find(world.Status.Conditions, ConditionTypes.Degraded)!.Reason);
        Assert.Equal(stable, world.Last!.Traffic!.MainRevision);
        Assert.Equal(2, world.Last.Replicas[stable]);
        Assert.Single(world.Events, e => e.Reason == "EvaluationsDrifted");
    }

    [Fact]
    public void An_external_model_is_gated_by_its_hosted_endpoints_and_runs_no_pods()
    {
        var spec = new ModelDeploymentSpec
        {
            Model = new ModelSource { Name = "gpt-4o-mini" },
            Engine = InferenceEngine.External,
            External = new ExternalEndpoint
            {
                BaseUrl = "https://api.example.com/v1",
                ApiKeySecretRef = new SecretKeyReference { Name = "openai", Key = "api-key" },
            },
            Rollout = new RolloutStrategy { Steps = [Evaluate("quality")] },
        };
        var world = new RolloutWorld(spec, "quality");
        world.Settle();
        world.Commit(s =>
        {
            s.Model.Name = "gpt-4.1-mini";
            s.External!.BaseUrl = "https://other.example.com/v1/";
        });

        world.Settle();

        var run = world.Runs.Values.Single();
        Assert.Equal(("https://other.example.com/v1", "gpt-4.1-mini"), (run.Spec.Candidate.Url, run.Spec.Candidate.Model));
        Assert.Equal(("https://api.example.com/v1", "gpt-4o-mini"), (run.Spec.Baseline!.Url, run.Spec.Baseline.Model));
        Assert.Equal("openai", run.Spec.Candidate.ApiKeySecretRef!.Name);
        Assert.Empty(world.Last!.Replicas);
        Assert.Null(world.Last.Traffic);

        world.FinishRuns(EvaluationPhase.Passed);
        world.Settle();
        Assert.Equal("https://other.example.com/v1", world.Status.Endpoint);
        Assert.Equal("gpt-4.1-mini", world.Status.ServedModel);
        Assert.Equal(RolloutPhase.Healthy, world.Status.Phase);
    }

    [Fact]
    public void Old_revisions_are_kept_at_zero_within_the_history_limit_and_deleted_beyond_it()
    {
        var world = Stable();
        world.Model.Spec.Rollout!.RevisionHistoryLimit = 1;
        var revisions = new List<string> { world.Revision };
        foreach (var name in new[] { "b", "c", "d" })
        {
            world.Commit(spec => spec.Model.Name = name);
            world.Settle();
            revisions.Add(world.Revision);
        }

        Assert.Equal([revisions[2], revisions[3]], world.Last!.Replicas.Keys.Order());
        Assert.Equal(0, world.Last.Replicas[revisions[2]]);
        Assert.Equal(2, world.Last.Replicas[revisions[3]]);
    }

    [Fact]
    public void The_same_inputs_give_the_same_plan()
    {
        var world = Stable(Evaluate("quality"));
        world.Commit(spec => spec.Model.Name = "second");
        world.Settle();

        var again = world.Reconcile();
        var once = world.Reconcile();

        Assert.Equal(k8s.KubernetesJson.Serialize(again.Status), k8s.KubernetesJson.Serialize(once.Status));
        Assert.Empty(once.RunsToCreate);
    }
}
