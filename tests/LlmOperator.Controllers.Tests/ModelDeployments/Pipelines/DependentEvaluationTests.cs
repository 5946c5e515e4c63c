using k8s.Models;
using LlmOperator.Api.V1Alpha1;
using LlmOperator.Controllers.Common;

namespace LlmOperator.Controllers.Tests.ModelDeployments.Pipelines;

/// <summary>A model's canary judged by the pipelines built on it, as the rollout planner decides it.</summary>
public class DependentEvaluationTests
{
    private static ModelDeployment SupportBot(string name = "support-bot") => new()
    {
        Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = "ml" },
        Spec = new ModelDeploymentSpec
        {
            Model = new ModelSource { Name = name },
            Engine = InferenceEngine.Pipeline,
            Pipeline = new PipelineSpec { Steps = [new PipelineStep { Name = "answer", Call = new PipelineCall { ModelRef = new() { Name = "llama" } } }] },
            Rollout = new RolloutStrategy { Steps = [new RolloutStep { Evaluate = new EvaluateStep { Gates = ["support-e2e"] } }] },
        },
        Status = new ModelDeploymentStatus { Endpoint = "http://support-bot.ml.svc/v1", StableRevision = "p1" },
    };

    private static RolloutWorld Rollout(DependentsPolicy dependents = DependentsPolicy.Evaluate, int atOnce = 4, params string[] pipelines)
    {
        var world = new RolloutWorld(
            new ModelDeploymentSpec
            {
                Model = new ModelSource { Name = "llama-3.1-8b" },
                Engine = InferenceEngine.Mock,
                Rollout = new RolloutStrategy { Steps = [new RolloutStep { Evaluate = new EvaluateStep { Gates = ["quality"] } }], Dependents = dependents },
            },
            "quality",
            "support-e2e");
        world.DependentRunsAtOnce = atOnce;
        world.Dependents.AddRange(Dependent.Of(world.Model, pipelines.Length == 0 ? [SupportBot()] : [.. pipelines.Select(SupportBot)]));
        world.Settle();
        world.Commit(spec => spec.Model.Name = "llama-3.2-8b");
        world.Settle();
        return world;
    }

    [Fact]
    public void An_evaluate_step_also_runs_each_pipeline_gate_with_only_the_canary_replaced_paired_against_the_stable_model()
    {
        var world = Rollout();

        var run = Assert.Single(world.Runs.Values, r => r.Metadata.Labels["llmoperator.io/purpose"] == "dependent");
        Assert.Equal("support-bot", run.Metadata.Labels[WellKnownLabels.Pipeline]);
        Assert.Equal(("support-e2e", world.Status.CanaryRevision), (run.Spec.Gate.Name, run.Spec.Target.Revision));
        Assert.Equal("support-bot", run.Spec.Candidate.Pipeline!.Name);
        Assert.Equal("answer", run.Spec.Candidate.Pipeline.Spec.Steps[0].Name);
        Assert.Equal("http://llama-canary.ml.svc/v1", run.Spec.Candidate.Pipeline.Overrides!["llama"].Url);
        Assert.Equal("http://llama-stable.ml.svc/v1", run.Spec.Baseline!.Pipeline!.Overrides!["llama"].Url);
        Assert.Equal(("http://support-bot.ml.svc/v1", "p1"), (run.Spec.Candidate.Url, run.Spec.Candidate.Revision));
        Assert.Equal(2, world.Runs.Count);
    }

    [Fact]
    public void A_canary_that_passes_its_own_gate_and_fails_a_pipeline_gate_is_aborted_naming_the_pipeline()
    {
        var world = Rollout();
        var canary = world.Status.CanaryRevision;
        foreach (var run in world.Runs.Values)
        {
            var dependent = run.Metadata.Labels["llmoperator.io/purpose"] == "dependent";
            run.Status = new EvaluationRunStatus
            {
                Phase = dependent ? EvaluationPhase.Failed : EvaluationPhase.Passed,
                Verdict = dependent ? "Failed: the pass rate fell 40.0 points against the baseline." : "Passed: every threshold is met.",
                Attempts = 1,
            };
        }

        world.Settle();

        Assert.Equal(RolloutPhase.Degraded, world.Status.Phase);
        Assert.True(world.Status.Abort);
        Assert.StartsWith(
            $"Rollout of revision {canary} aborted: gate support-e2e of pipeline support-bot failed with model llama's canary: "
                + "the pass rate fell 40.0 points against the baseline.",
            world.Status.Message,
            StringComparison.Ordinal);
    }

    [Fact]
    public void A_model_whose_rollout_ignores_its_dependents_is_judged_by_its_own_gates_only()
    {
        var world = Rollout(DependentsPolicy.Ignore);

        Assert.Equal(["quality"], world.Runs.Values.Select(r => r.Spec.Gate.Name));
    }

    [Fact]
    public void The_status_lists_the_dependents_and_their_runs_start_a_bounded_number_at_a_time_while_the_step_waits_for_all()
    {
        var world = Rollout(atOnce: 1, pipelines: ["faq-bot", "support-bot"]);
        IEnumerable<EvaluationRun> Dependents() => world.Runs.Values.Where(r => r.Metadata.Labels["llmoperator.io/purpose"] == "dependent");

        Assert.Equal(["faq-bot", "support-bot"], world.Status.Dependents);
        var first = Assert.Single(Dependents());
        Assert.Equal("faq-bot", first.Metadata.Labels[WellKnownLabels.Pipeline]);
        foreach (var run in world.Runs.Values)
        {
            run.Status = new EvaluationRunStatus { Phase = EvaluationPhase.Passed, Verdict = "Passed: every threshold is met.", Attempts = 1 };
        }

        world.Settle();

        // The second pipeline's run starts only now, and the step waits for it although every run so far passed.
        Assert.Equal(["faq-bot", "support-bot"], Dependents().Select(r => r.Metadata.Labels[WellKnownLabels.Pipeline]).Order(StringComparer.Ordinal));
        Assert.Equal((RolloutPhase.Progressing, 0), (world.Status.Phase, world.Status.CurrentStepIndex));
        Assert.NotNull(world.Status.CanaryRevision);
    }
}
