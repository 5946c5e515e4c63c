using k8s.Models;
using LlmOperator.Api.V1Alpha1;
using LlmOperator.Controllers.Engines;
using LlmOperator.Controllers.ModelDeployments.Adapters;

namespace LlmOperator.Controllers.Tests.ModelDeployments.Adapters;

/// <summary>
/// The adapters readiness gate of pods, planned from what their records say they serve: a pod enters its Services
/// once it serves every adapter under the adapter's own name, leaves them when a restart lost what it had loaded,
/// and a pod without the gate is never written to.
/// </summary>
public class AdapterReadinessTests
{
    private const string V1 = "https://adapters.example/sql/v1";
    private const string V2 = "https://adapters.example/sql/v2";

    private static readonly AdapterSlot Sql = new("sql", Canary: false);

    private static ModelDeploymentSpec Spec(params string[] gates) => new()
    {
        Model = new ModelSource { Name = "llama-3.1-8b", ServedName = "llama" },
        Engine = InferenceEngine.Mock,
        Replicas = 2,
        Adapters = [new LoraAdapter { Name = "sql", Source = V1, Evaluate = gates.Length == 0 ? null : new EvaluateStep { Gates = [.. gates] } }],
    };

    // A model whose adapter serves on a gated pod that is in its Services.
    private static RolloutWorld Serving(params string[] gates)
    {
        var world = new RolloutWorld(Spec(gates), [.. gates]);
        AddGatedPod(world, "llama-a");
        world.Settle();
        Assert.True(world.Pod("llama-a").GateOpen);
        return world;
    }

    private static void AddGatedPod(RolloutWorld world, string name)
    {
        world.AddPod(name);
        world.ChangePod(name, p => p with { Gated = true, ResourceVersion = "7" });
    }

    [Fact]
    public void A_new_pod_enters_its_services_only_once_it_serves_every_adapter()
    {
        var world = Serving();
        AddGatedPod(world, "llama-b");

        world.Reconcile();

        Assert.Equal(("llama-b", Sql), (Assert.Single(world.Last!.AdapterActions).Pod, world.Last.AdapterActions[0].Slot));
        Assert.Empty(world.Last.AdapterGates);
        Assert.Null(world.Pod("llama-b").GateOpen);

        world.Reconcile();

        Assert.Equal(new AdapterGate("llama-b", "7", true, AdapterReadiness.Loaded, "Serves sql."), Assert.Single(world.Last!.AdapterGates));
        Assert.True(world.Pod("llama-b").GateOpen);
        Assert.Empty(world.Settle().AdapterGates);
    }

    [Fact]
    public void A_pod_whose_containers_are_not_ready_gets_nothing_loaded_and_stays_out()
    {
        var world = Serving();
        AddGatedPod(world, "llama-b");
        world.ChangePod("llama-b", p => p with { Ready = false });

        world.Settle();

        Assert.DoesNotContain(world.Last!.AdapterActions, a => a.Pod == "llama-b");
        Assert.Null(world.Pod("llama-b").GateOpen);
    }

    [Fact]
    public void A_pod_whose_server_restarted_leaves_its_services_until_its_adapters_are_loaded_again()
    {
        var world = Serving();
        world.ChangePod("llama-a", p => p with { Restarts = 1, Ready = false });

        world.Reconcile();

        var closed = Assert.Single(world.Last!.AdapterGates);
        Assert.Equal((false, AdapterReadiness.Lost), (closed.Open, closed.Reason));
        Assert.Equal("The server container restarted and lost sql; loading again.", closed.Message);
        Assert.Empty(world.Last.AdapterActions);
        Assert.Empty(world.Reconcile().AdapterGates);

        world.ChangePod("llama-a", p => p with { Ready = true });
        world.Reconcile();
        Assert.Single(world.Last!.AdapterActions);
        Assert.False(world.Pod("llama-a").GateOpen);

        world.Reconcile();
        Assert.True(Assert.Single(world.Last!.AdapterGates).Open);
    }

    [Fact]
    public void A_pod_enters_its_services_with_the_serving_version_while_a_new_one_is_judged_under_the_canary_name()
    {
        var world = Serving("sql-quality");
        world.Commit(spec => spec.Adapters![0].Source = V2);
        world.Engine = a => a.Slot.Canary ? new AdapterCallOutcome(AdapterCallOutcome.EngineError, "500") : null;
        AddGatedPod(world, "llama-b");

        world.Settle();

        Assert.True(world.Pod("llama-b").Serves(Sql, AdapterVersion.NameOf(V1, null)));
        Assert.Null(world.Pod("llama-b").Holding(Sql with { Canary = true })?.Revision);
        Assert.True(world.Pod("llama-b").GateOpen);
        Assert.True(world.Pod("llama-a").GateOpen);
    }

    [Fact]
    public void A_pod_that_serves_stays_in_its_services_while_an_adapter_new_to_the_spec_is_loaded()
    {
        var world = Serving();
        world.Engine = a => a.Slot.Adapter == "docs" ? new AdapterCallOutcome(AdapterCallOutcome.Unreachable, "timeout") : null;
        world.Commit(spec => spec.Adapters!.Add(new LoraAdapter { Name = "docs", Source = "https://adapters.example/docs/v1" }));

        world.Reconcile();

        Assert.Equal("docs", Assert.Single(world.Last!.AdapterActions).Slot.Adapter);
        Assert.Empty(world.Last.AdapterGates);
        Assert.True(world.Pod("llama-a").GateOpen);
    }

    [Fact]
    public void A_pod_with_lora_on_and_no_adapters_enters_its_services_at_once()
    {
        var spec = Spec();
        (spec.Adapters, spec.Lora) = (null, new LoraSettings());
        var world = new RolloutWorld(spec);
        AddGatedPod(world, "llama-a");

        world.Reconcile();

        Assert.Equal(new AdapterGate("llama-a", "7", true, AdapterReadiness.Loaded, "There are no adapters to load."), Assert.Single(world.Last!.AdapterGates));
    }

    [Fact]
    public void A_pod_without_the_gate_is_never_written_to()
    {
        var world = new RolloutWorld(Spec());
        world.AddPod("llama-a");

        world.Settle();

        Assert.True(world.Pod("llama-a").Serves(Sql, AdapterVersion.NameOf(V1, null)));
        Assert.Null(world.Pod("llama-a").GateOpen);
    }

    [Fact]
    public void Adapters_are_loaded_onto_a_pod_whose_containers_are_ready_before_the_pod_is_and_its_gate_is_read()
    {
        var pod = new V1Pod
        {
            Metadata = new V1ObjectMeta { Name = "llama-a", ResourceVersion = "42" },
            Spec = new V1PodSpec
            {
                Containers = [new V1Container { Name = "server", Ports = [new V1ContainerPort { Name = "http", ContainerPort = 8000 }] }],
                ReadinessGates = [new V1PodReadinessGate { ConditionType = LoraServing.ReadinessGate }],
            },
            Status = new V1PodStatus
            {
                PodIP = "10.1.0.5",
                Conditions =
                [
                    new V1PodCondition { Type = "ContainersReady", Status = "True" },
                    new V1PodCondition { Type = "Ready", Status = "False", Reason = "ReadinessGatesNotReady" },
                    new V1PodCondition { Type = LoraServing.ReadinessGate, Status = "False" },
                ],
            },
        };

        var read = ServerPod.Of(pod);

        Assert.Equal((true, true, false, "42"), (read.Ready, read.Gated, read.GateOpen, read.ResourceVersion));
        Assert.Equal(new Uri("http://10.1.0.5:8000"), read.Server);

        pod.Status.Conditions[0].Status = "False";
        pod.Status.Conditions.RemoveAt(2);
        Assert.Equal((false, null), (ServerPod.Of(pod).Ready, ServerPod.Of(pod).GateOpen));

        pod.Metadata.DeletionTimestamp = DateTime.UtcNow;
        Assert.False(ServerPod.Of(pod).Gated);
    }
}
