using LlmOperator.Api.V1Alpha1;
using LlmOperator.Controllers.Engines;
using LlmOperator.Controllers.ModelDeployments.Adapters;

namespace LlmOperator.Controllers.Tests.ModelDeployments.Adapters;

/// <summary>
/// Adapters that vLLM's /v1/load_lora_adapter cannot read itself (an https:// archive, a Hugging Face repository at a
/// pinned revision), planned from the pods' records alone: fetched by the pod's adapter loader first, asked for again
/// while it fetches, loaded once it has them; a fetch that fails counts as a failed load; and what no slot holds any
/// more is released from the loader.
/// </summary>
public class AdapterFetchPlanningTests
{
    private const string Repository = "hf://acme/sql-lora";

    private static readonly AdapterSlot Stable = new("sql", Canary: false);

    private static ModelDeploymentSpec Spec(string revision, params string[] gates) => new()
    {
        Model = new ModelSource { Name = "meta-llama/Llama-3.1-8B-Instruct", ServedName = "llama" },
        Engine = InferenceEngine.Vllm,
        Replicas = 1,
        Rollout = new RolloutStrategy { Steps = [new RolloutStep { Evaluate = new EvaluateStep { Gates = ["quality"] } }] },
        Adapters =
        [
            new LoraAdapter
            {
                Name = "sql", Source = Repository, Revision = revision, Evaluate = gates.Length == 0 ? null : new EvaluateStep { Gates = [.. gates] },
            },
        ],
    };

    [Theory]
    [InlineData(InferenceEngine.Vllm, "https://adapters.example/sql-v1.tar.gz", null, true)]
    [InlineData(InferenceEngine.Vllm, Repository, "v1", true)]
    [InlineData(InferenceEngine.Vllm, Repository, null, false)]
    [InlineData(InferenceEngine.Vllm, "pvc://loras/sql/v1", null, false)]
    [InlineData(InferenceEngine.Mock, Repository, "v1", true)]
    [InlineData(InferenceEngine.Mock, "https://adapters.example/sql/v1?quality=1", null, false)]
    public void The_loader_fetches_what_the_engine_cannot_read_itself(InferenceEngine engine, string source, string? revision, bool fetched)
    {
        Assert.Equal(fetched, AdapterSource.FetchedByLoader(engine, source, revision));
    }

    [Fact]
    public void A_pinned_revision_is_fetched_by_the_pod_s_loader_first_and_asked_for_again_every_two_seconds_while_it_fetches()
    {
        var world = new RolloutWorld(Spec("v1"), "quality");
        world.AddPod("llama-a");
        var revision = AdapterVersion.NameOf(Repository, "v1");

        var first = world.Reconcile();
        var action = Assert.Single(first.AdapterActions);
        Assert.Equal((revision, new AdapterFetch(Repository, "v1")), (action.Load!.Revision, action.Load.Fetch));

        // What the applier records when the loader answers 202: the slot serves nothing yet, and the fetch goes on.
        world.ChangePod("llama-a", p => p with
        {
            Slots = new Dictionary<AdapterSlot, PodAdapterRecord> { [Stable] = new() { Fetching = new AdapterFetching(revision, world.Now) } },
        });
        var waiting = world.Reconcile();
        Assert.Empty(waiting.AdapterActions);
        Assert.Equal(TimeSpan.FromSeconds(2), waiting.RequeueAfter);
        var loaded = Conditions.Find(world.Status.Conditions, ConditionTypes.AdaptersLoaded)!;
        Assert.Equal((ConditionStatus.False, "Loading"), (loaded.Status, loaded.Reason));

        world.Now += TimeSpan.FromSeconds(2);
        Assert.Equal(revision, Assert.Single(world.Reconcile().AdapterActions).Load!.Revision);

        world.Settle();
        Assert.Equal(RolloutPhase.Healthy, world.Status.Phase);
        Assert.True(world.Pod("llama-a").Serves(Stable, revision));
    }

    [Fact]
    public void A_fetch_the_loader_refuses_is_a_refused_load_tried_again_after_a_backoff_and_aborted_after_three()
    {
        var world = new RolloutWorld(Spec("v1", "sql-quality"), "quality", "sql-quality");
        world.AddPod("llama-a");
        world.Settle();
        var refused = new AdapterCallOutcome(
            AdapterCallOutcome.Refused, "adapter loader: could not fetch hf://acme/sql-lora at v2: .../revision/v2 answered 404 NotFound");
        world.Engine = a => a.Slot.Canary && a.Load?.Fetch is not null ? refused : null;

        world.Commit(spec => spec.Adapters![0].Revision = "v2");
        world.Settle();
        Assert.Equal(TimeSpan.FromSeconds(5), world.Last!.RequeueAfter);
        Assert.Contains("answered 404 NotFound", Conditions.Find(world.Status.Conditions, ConditionTypes.AdaptersLoaded)!.Message, StringComparison.Ordinal);
        world.Now += TimeSpan.FromSeconds(5);
        world.Settle();
        world.Now += TimeSpan.FromSeconds(10);
        world.Settle();

        var adapter = Assert.Single(world.Status.Adapters!);
        Assert.Equal((RolloutPhase.Degraded, AdapterCallOutcome.Refused, true), (adapter.Phase, adapter.Reason, adapter.Abort));
        Assert.Equal(AdapterVersion.NameOf(Repository, "v1"), adapter.StableRevision);
    }

    [Fact]
    public void A_version_no_slot_holds_any_more_is_released_from_the_loader_once_the_new_one_is_swapped_in()
    {
        var world = new RolloutWorld(Spec("v1"), "quality");
        world.AddPod("llama-a");
        world.Settle();
        var (first, second) = (AdapterVersion.NameOf(Repository, "v1"), AdapterVersion.NameOf(Repository, "v2"));

        world.Commit(spec => spec.Adapters![0].Revision = "v2");
        var actions = new List<AdapterAction>();
        for (var plan = world.Reconcile(); plan.AdapterActions.Count > 0; plan = world.Reconcile())
        {
            actions.AddRange(plan.AdapterActions);
        }

        // Loaded as sql:canary (v1 still serves), swapped in as sql, which lets v1 go, and the canary name emptied, keeping v2.
        Assert.Equal(
            [(true, second, ""), (false, second, first), (true, null, "")],
            actions.Select(a => (a.Slot.Canary, a.Load?.Revision, string.Join(',', a.Release ?? []))));
        Assert.True(world.Pod("llama-a").Serves(Stable, second));
    }
}
