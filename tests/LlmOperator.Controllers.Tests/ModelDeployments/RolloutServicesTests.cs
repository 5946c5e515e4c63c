using LlmOperator.Api.V1Alpha1;

namespace LlmOperator.Controllers.Tests.ModelDeployments;

/// <summary>When the planner keeps the stable and canary Services beside the main one (see RolloutServices).</summary>
public class RolloutServicesTests
{
    private static ModelDeploymentSpec Spec(RolloutStrategy? rollout = null) => new()
    {
        Model = new ModelSource { Name = "llama-3.1-8b" },
        Engine = InferenceEngine.Mock,
        Replicas = 2,
        Rollout = rollout,
    };

    private static RolloutStrategy EvaluatedBy(string gate) => new() { Steps = [new RolloutStep { Evaluate = new EvaluateStep { Gates = [gate] } }] };

    [Fact]
    public void A_model_that_only_serves_has_its_main_service_alone()
    {
        var world = new RolloutWorld(Spec());

        world.Settle();

        Assert.Equal(RolloutPhase.Healthy, world.Status.Phase);
        Assert.False(world.Last!.RolloutServices);
    }

    [Fact]
    public void The_first_canary_brings_the_stable_and_canary_services_and_they_stay_after_its_promotion()
    {
        var world = new RolloutWorld(Spec(EvaluatedBy("quality")), "quality");
        world.Settle();
        Assert.False(world.Last!.RolloutServices);

        world.Commit(spec => spec.Model.Name = "llama-3.2-8b");
        var plan = world.Reconcile();

        Assert.NotNull(world.Status.CanaryRevision);
        Assert.True(plan.RolloutServices);
        world.Settle();
        world.FinishRuns(EvaluationPhase.Passed);
        world.Settle();
        Assert.Null(world.Status.CanaryRevision);
        Assert.Equal(RolloutPhase.Healthy, world.Status.Phase);
        Assert.True(world.Last!.RolloutServices);
    }

    [Fact]
    public void A_first_revision_evaluated_on_its_own_gets_the_stable_service_its_run_addresses()
    {
        var rollout = EvaluatedBy("quality");
        rollout.EvaluateFirstDeployment = true;
        var world = new RolloutWorld(Spec(rollout), "quality");

        var plan = world.Reconcile();

        Assert.StartsWith("http://llama-stable.ml.svc", Assert.Single(plan.RunsToCreate).Spec.Candidate.Url, StringComparison.Ordinal);
        Assert.True(plan.RolloutServices);
    }

    [Fact]
    public void A_prompt_version_or_a_fallback_naming_the_model_gives_it_a_stable_service()
    {
        var world = new RolloutWorld(Spec()) { StableAddressedElsewhere = true };

        Assert.True(world.Reconcile().RolloutServices);
    }

    [Fact]
    public void Gateway_api_routing_names_both_services_from_the_first_revision()
    {
        var world = new RolloutWorld(Spec(new RolloutStrategy
        {
            TrafficRouting = new TrafficRouting { GatewayApi = new GatewayApiRouting { ParentRefs = [new GatewayParentReference { Name = "public" }] } },
        }));

        Assert.True(world.Reconcile().RolloutServices);
    }
}
