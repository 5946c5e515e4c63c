using LlmOperator.Api.V1Alpha1;
using LlmOperator.Controllers.ModelDeployments.Adapters;

namespace LlmOperator.Controllers.Tests.ModelDeployments.Adapters;

/// <summary>
/// Adapter releases planned from spec, status, pods and runs alone: loaded without a restart of the base
/// model, judged under the canary name, swapped or rolled back, and carried on pods that start later.
/// </summary>
public class AdapterRolloutTests
{
    private const string V1 = "https://adapters.example/sql/v1";
    private const string V2 = "https://adapters.example/sql/v2";

    private static readonly AdapterSlot Stable = new("sql", Canary: false);
    private static readonly AdapterSlot Canary = new("sql", Canary: true);

    private static ModelDeploymentSpec Spec(string source, params string[] gates) => new()
    {
        Model = new ModelSource { Name = "llama-3.1-8b", ServedName = "llama" },
        Engine = InferenceEngine.Mock,
        Replicas = 2,
        Rollout = new RolloutStrategy { Steps = [new RolloutStep { Evaluate = new EvaluateStep { Gates = ["quality"] } }] },
        Adapters = [new LoraAdapter { Name = "sql", Source = source, Evaluate = gates.Length == 0 ? null : new EvaluateStep { Gates = [.. gates] } }],
    };

    // A model whose first adapter version serves on two ready pods.
    private static RolloutWorld Serving(params string[] gates)
    {
        var world = new RolloutWorld(Spec(V1, gates), "quality", "sql-quality");
        world.AddPod("llama-a");
        world.AddPod("llama-b");
        world.Settle();
        return world;
    }

    private static void Commit(RolloutWorld world, string source) => world.Commit(spec => spec.Adapters![0].Source = source);

    private static AdapterStatus Adapter(RolloutWorld world) => Assert.Single(world.Status.Adapters!);

    [Fact]
    public void The_first_version_is_loaded_on_every_ready_pod_without_a_rollout()
    {
        var world = new RolloutWorld(Spec(V1, "sql-quality"), "quality", "sql-quality");
        world.AddPod("llama-a");
        world.AddPod("llama-b");

        world.Reconcile();

        var revision = AdapterVersion.NameOf(V1, null);
        var adapter = Adapter(world);
        Assert.Equal((revision, V1), (adapter.StableRevision, adapter.Stable!.Source));
        Assert.Equal(RolloutPhase.Progressing, adapter.Phase);
        Assert.Equal($"Loading revision {revision}: 0 of 2 pods serve it.", adapter.Message);
        Assert.Equal(2, world.Last!.AdapterActions.Count);
        Assert.All(world.Last.AdapterActions, a => Assert.Equal((Stable, revision, V1), (a.Slot, a.Load!.Revision, a.Load.Path)));
        Assert.Empty(world.Runs);
        Assert.Equal(RolloutResult.Promoted, Assert.Single(adapter.History!).Result);

        world.Settle();

        Assert.Equal(RolloutPhase.Healthy, Adapter(world).Phase);
        Assert.Equal(RolloutPhase.Healthy, world.Status.Phase);
        Assert.All(world.Pods, p => Assert.True(p.Serves(Stable, revision)));
        var loaded = Conditions.Find(world.Status.Conditions, ConditionTypes.AdaptersLoaded)!;
        Assert.Equal((ConditionStatus.True, "Loaded"), (loaded.Status, loaded.Reason));
        Assert.Contains(world.Events, e => e.Reason == "AdapterFirstVersion");
    }

    [Fact]
    public void A_new_version_is_loaded_under_the_canary_name_and_judged_against_the_serving_one_through_the_main_service()
    {
        var world = Serving("sql-quality");
        var model = world.Status.StableRevision;
        var stable = Adapter(world).StableRevision;

        Commit(world, V2);
        world.Settle();

        var candidate = AdapterVersion.NameOf(V2, null);
        var adapter = Adapter(world);
        Assert.Equal((stable, candidate, "sql:canary"), (adapter.StableRevision, adapter.CandidateRevision, adapter.CandidateModel));
        Assert.All(world.Pods, p => Assert.True(p.Serves(Canary, candidate) && p.Serves(Stable, stable!)));
        var run = Assert.Single(world.Runs.Values);
        Assert.Equal(AdapterRuns.Name("llama", "sql", candidate, 1, "sql-quality"), run.Metadata.Name);
        Assert.Equal(("http://llama.ml.svc/v1", "sql:canary", candidate), (run.Spec.Candidate.Url, run.Spec.Candidate.Model, run.Spec.Candidate.Revision));
        Assert.Equal(("http://llama.ml.svc/v1", "sql", stable), (run.Spec.Baseline!.Url, run.Spec.Baseline.Model, run.Spec.Baseline.Revision));
        Assert.Equal("sql", run.Metadata.Labels["llmoperator.io/adapter"]);
        Assert.False(run.Metadata.Labels.ContainsKey("llmoperator.io/revision"));
        Assert.Equal(RolloutPhase.Progressing, world.Status.Phase);
        Assert.StartsWith(
            $"Adapter sql: Evaluating revision {candidate} (sql:canary) against revision {stable} (sql)", world.Status.Message, StringComparison.Ordinal);

        // The base model is untouched: the same revision, no canary, no new Deployment.
        Assert.Equal(model, world.Status.StableRevision);
        Assert.Null(world.Status.CanaryRevision);
        Assert.Equal([model!], world.Revisions.Keys);
    }

    [Fact]
    public void A_version_that_passes_is_swapped_in_on_every_pod_and_its_canary_name_unloaded()
    {
        var world = Serving("sql-quality");
        Commit(world, V2);
        world.Settle();

        world.FinishRuns(EvaluationPhase.Passed);
        world.Reconcile();

        var candidate = AdapterVersion.NameOf(V2, null);
        Assert.All(world.Last!.AdapterActions, a => Assert.Equal((Stable, candidate), (a.Slot, a.Load!.Revision)));
        Assert.StartsWith($"Adapter sql: Revision {candidate} passed; loading it as sql", world.Status.Message, StringComparison.Ordinal);

        world.Settle();

        var adapter = Adapter(world);
        Assert.Equal((candidate, V2), (adapter.StableRevision, adapter.Stable!.Source));
        Assert.Null(adapter.CandidateRevision);
        Assert.Equal(RolloutPhase.Healthy, adapter.Phase);
        Assert.Equal(RolloutPhase.Healthy, world.Status.Phase);
        Assert.All(world.Pods, p => Assert.True(p.Serves(Stable, candidate) && !p.Slots.ContainsKey(Canary)));
        var promoted = adapter.History![0];
        Assert.Equal((RolloutResult.Promoted, candidate, "every gate passed"), (promoted.Result, promoted.Revision, promoted.Message));
        Assert.Single(world.Events, e => e.Reason == "AdapterPromoted");
        Assert.Single(world.Events, e => e.Reason == "EvaluationPassed");
    }

    [Fact]
    public void A_version_that_fails_is_unloaded_and_the_model_is_degraded_until_the_spec_returns_to_the_serving_one()
    {
        var world = Serving("sql-quality");
        var stable = Adapter(world).StableRevision!;
        Commit(world, V2);
        world.Settle();

        world.FinishRuns(EvaluationPhase.Failed, "Failed: pass rate 0.55 is below minPassRate 0.80.");
        world.Settle();

        var candidate = AdapterVersion.NameOf(V2, null);
        var adapter = Adapter(world);
        Assert.True(adapter.Abort);
        Assert.Equal((RolloutPhase.Degraded, "AdapterEvaluationFailed"), (adapter.Phase, adapter.Reason));
        Assert.Equal(
            $"Adapter sql: Rollout of revision {candidate} aborted: gate sql-quality failed: pass rate 0.55 is below minPassRate 0.80. " +
                $"Revision {stable} serves as sql; a new revision, or llmop retry llama --adapter sql, rolls out again.",
            world.Status.Message);
        Assert.Equal(RolloutPhase.Degraded, world.Status.Phase);
        var degraded = Conditions.Find(world.Status.Conditions, ConditionTypes.Degraded)!;
        Assert.Equal((ConditionStatus.True, "AdapterEvaluationFailed"), (degraded.Status, degraded.Reason));
        Assert.All(world.Pods, p => Assert.True(p.Serves(Stable, stable) && !p.Slots.ContainsKey(Canary)));
        Assert.Equal((RolloutResult.Aborted, candidate), (adapter.History![0].Result, adapter.History[0].Revision));
        Assert.Single(world.Events, e => e.IsWarning && e.Reason == "AdapterRolloutAborted");

        // A git revert: the serving version is the spec's again, and nothing is judged.
        Commit(world, V1);
        world.Settle();

        Assert.Equal(RolloutPhase.Healthy, world.Status.Phase);
        Assert.Null(Adapter(world).Abort);
        Assert.Equal(ConditionStatus.False, Conditions.Find(world.Status.Conditions, ConditionTypes.Degraded)!.Status);
        Assert.Single(world.Runs);
    }

    [Fact]
    public void An_operator_restarted_in_the_middle_finds_its_runs_and_finishes_the_swap_from_what_the_pods_say()
    {
        var world = Serving("sql-quality");
        Commit(world, V2);
        world.Settle();
        var evaluating = k8s.KubernetesJson.Serialize(world.Status);

        // Restarted while evaluating: the run is found by its name, not started again.
        world.Model.Status = k8s.KubernetesJson.Deserialize<ModelDeploymentStatus>(evaluating);
        world.Settle();
        Assert.Single(world.Runs);

        // Killed after the swap reached one pod and before its status was written.
        world.FinishRuns(EvaluationPhase.Passed);
        world.Reconcile();
        var before = k8s.KubernetesJson.Serialize(world.Status);
        var candidate = AdapterVersion.NameOf(V2, null);
        world.ChangePod("llama-b", p => p with { Slots = world.Pod("llama-a").Slots.ToDictionary(s => s.Key, s => s.Value) });
        world.ChangePod("llama-a", p => p with
        {
            Slots = new Dictionary<AdapterSlot, PodAdapterRecord>(p.Slots) { [Stable] = new() { Revision = Adapter(world).StableRevision } },
        });
        world.Model.Status = k8s.KubernetesJson.Deserialize<ModelDeploymentStatus>(before);

        world.Reconcile();
        Assert.Equal("llama-a", Assert.Single(world.Last!.AdapterActions).Pod);
        world.Settle();

        Assert.Equal(candidate, Adapter(world).StableRevision);
        Assert.Equal(RolloutPhase.Healthy, world.Status.Phase);
        Assert.Single(world.Runs);
    }

    [Fact]
    public void A_pod_that_starts_later_or_restarts_gets_the_serving_versions_loaded()
    {
        var world = Serving();
        var stable = Adapter(world).StableRevision!;

        world.AddPod("llama-c");
        world.ChangePod("llama-a", p => p with { Restarts = 1 });
        world.Reconcile();

        Assert.Equal(["llama-a", "llama-c"], world.Last!.AdapterActions.Select(a => a.Pod).Order());
        Assert.All(world.Last.AdapterActions, a => Assert.Equal((Stable, stable), (a.Slot, a.Load!.Revision)));
        Assert.Null(world.Last.AdapterActions.Single(a => a.Pod == "llama-a").Holding);
        Assert.Equal(RolloutPhase.Progressing, world.Status.Phase);

        world.Settle();
        Assert.All(world.Pods, p => Assert.True(p.Serves(Stable, stable)));
        Assert.Equal(RolloutPhase.Healthy, world.Status.Phase);
    }

    [Fact]
    public void A_model_scaled_to_zero_is_healthy_with_its_adapters_and_its_next_pod_gets_them()
    {
        var world = Serving();
        world.Commit(spec => spec.Replicas = 0);
        world.Pods.Clear();

        world.Settle();
        Assert.Equal(RolloutPhase.Healthy, Adapter(world).Phase);
        Assert.Equal(RolloutPhase.Healthy, world.Status.Phase);

        world.AddPod("llama-c");
        world.Settle();
        Assert.True(world.Pod("llama-c").Serves(Stable, Adapter(world).StableRevision!));
    }

    [Fact]
    public void A_candidate_the_engine_refuses_is_tried_again_after_a_backoff_and_aborted_after_three_refusals()
    {
        var world = Serving("sql-quality");
        var refused = new AdapterCallOutcome(AdapterCallOutcome.Refused, "404 NotFoundError: No adapter found for https://adapters.example/sql/v2");
        world.Engine = a => a.Slot.Canary ? refused : null;
        Commit(world, V2);

        world.Settle();
        Assert.Equal(TimeSpan.FromSeconds(5), world.Last!.RequeueAfter);
        Assert.Empty(world.Last.AdapterActions);
        var loaded = Conditions.Find(world.Status.Conditions, ConditionTypes.AdaptersLoaded)!;
        Assert.Equal((ConditionStatus.False, AdapterCallOutcome.Refused), (loaded.Status, loaded.Reason));
        Assert.Contains("No adapter found", loaded.Message, StringComparison.Ordinal);
        Assert.Contains("failed to load it 1 time(s) in a row", world.Status.Message, StringComparison.Ordinal);

        world.Now += TimeSpan.FromSeconds(5);
        world.Settle();
        Assert.Equal(TimeSpan.FromSeconds(10), world.Last!.RequeueAfter);
        world.Now += TimeSpan.FromSeconds(10);
        world.Settle();

        var adapter = Adapter(world);
        Assert.Equal((RolloutPhase.Degraded, AdapterCallOutcome.Refused), (adapter.Phase, adapter.Reason));
        Assert.True(adapter.Abort);
        Assert.Empty(world.Runs);
        Assert.All(world.Pods, p => Assert.False(p.Slots.ContainsKey(Canary)));
        Assert.Equal(RolloutPhase.Degraded, world.Status.Phase);
    }

    [Fact]
    public void An_unreachable_pod_is_reported_and_tried_again_with_a_growing_backoff_without_degrading()
    {
        var world = new RolloutWorld(Spec(V1), "quality");
        world.AddPod("llama-a");
        world.Engine = _ => new AdapterCallOutcome(AdapterCallOutcome.Unreachable, "http://10.0.0.1:8000/v1/load_lora_adapter: Connection refused");

        for (var i = 0; i < 4; i++)
        {
            world.Settle();
            world.Now += world.Last!.RequeueAfter!.Value;
        }

        Assert.Equal(TimeSpan.FromSeconds(40), world.Last!.RequeueAfter);
        Assert.Equal(RolloutPhase.Progressing, world.Status.Phase);
        var loaded = Conditions.Find(world.Status.Conditions, ConditionTypes.AdaptersLoaded)!;
        Assert.Equal((ConditionStatus.False, AdapterCallOutcome.Unreachable), (loaded.Status, loaded.Reason));
        Assert.Contains("(4 attempt(s) in a row): http://10.0.0.1:8000/v1/load_lora_adapter: Connection refused", loaded.Message, StringComparison.Ordinal);

        world.Engine = _ => null;
        world.Settle();
        Assert.Equal(RolloutPhase.Healthy, world.Status.Phase);
    }

    [Fact]
    public void An_inconclusive_verdict_pauses_until_llmop_promote_swaps_the_candidate_in()
    {
        var world = Serving("sql-quality");
        Commit(world, V2);
        world.Settle();

        world.FinishRuns(EvaluationPhase.Inconclusive, "Inconclusive: 12 cases cannot show a regression of at most 0.05.");
        world.Settle();

        var adapter = Adapter(world);
        Assert.Equal((RolloutPhase.Paused, true), (adapter.Phase, adapter.Paused));
        Assert.Equal(RolloutPhase.Paused, world.Status.Phase);
        Assert.Contains("llmop promote llama --adapter sql swaps it in", world.Status.Message, StringComparison.Ordinal);
        Assert.Single(world.Events, e => e.IsWarning && e.Reason == "EvaluationInconclusive");

        adapter.Promote = true;
        world.Settle();

        Assert.Equal(AdapterVersion.NameOf(V2, null), Adapter(world).StableRevision);
        Assert.Equal("promoted by llmop promote", Adapter(world).History![0].Message);
        Assert.Equal(RolloutPhase.Healthy, world.Status.Phase);
    }

    [Fact]
    public void A_removed_adapter_is_unloaded_from_every_pod_and_its_runs_deleted()
    {
        var world = Serving("sql-quality");
        Commit(world, V2);
        world.Settle();
        Assert.Single(world.Runs);

        world.Commit(spec => spec.Adapters = []);
        world.Settle();

        Assert.Null(world.Status.Adapters);
        Assert.Empty(world.Runs);
        Assert.All(world.Pods, p => Assert.Empty(p.Slots));
        Assert.Equal(RolloutPhase.Healthy, world.Status.Phase);
        Assert.Contains(world.Events, e => e.Reason == "AdapterRemoved");
    }
}
