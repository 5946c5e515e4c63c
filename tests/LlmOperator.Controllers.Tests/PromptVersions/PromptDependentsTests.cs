using k8s.Models;
using LlmOperator.Api.V1Alpha1;

namespace LlmOperator.Controllers.Tests.PromptVersions;

/// <summary>A prompt candidate judged by the pipelines that render it, as the prompt planner decides it.</summary>
public class PromptDependentsTests
{
    private static ModelDeployment SupportBot() => new()
    {
        Metadata = new V1ObjectMeta { Name = "support-bot", NamespaceProperty = PromptWorld.Ns },
        Spec = new ModelDeploymentSpec
        {
            Model = new ModelSource { Name = "support-bot" },
            Engine = InferenceEngine.Pipeline,
            Pipeline = new PipelineSpec
            {
                Steps =
                [
                    new PipelineStep
                    {
                        Name = "answer",
                        Call = new PipelineCall { ModelRef = new() { Name = "chat" }, PromptRef = new() { Name = PromptWorld.Prompt } },
                    },
                ],
            },
            Rollout = new RolloutStrategy { Steps = [new RolloutStep { Evaluate = new EvaluateStep { Gates = ["support-e2e"] } }] },
        },
        Status = new ModelDeploymentStatus { Endpoint = "http://support-bot.support.svc/v1", StableRevision = "p1" },
    };

    private static PromptWorld WithActiveV1AndPipeline(DependentsPolicy dependents = DependentsPolicy.Evaluate)
    {
        var world = new PromptWorld("quality", "support-e2e");
        world.Commit(PromptWorld.Spec(1, gates: "quality"));
        world.Settle();
        world.FinishRuns("answer-v1", EvaluationPhase.Passed);
        world.Settle();
        world.Models["support-bot"] = SupportBot();
        var v2 = PromptWorld.Spec(2, "Please answer: {{ question }}", "quality");
        v2.Dependents = dependents;
        world.Commit(v2);
        world.Settle();
        return world;
    }

    [Fact]
    public void A_candidate_is_also_judged_by_each_pipeline_that_renders_it_with_only_the_prompt_version_replaced()
    {
        var world = WithActiveV1AndPipeline();

        var run = Assert.Single(world.RunsOf("answer-v2"), r => r.Metadata.Labels.ContainsKey(WellKnownLabels.Pipeline));
        Assert.Equal(("support-e2e", "support-bot"), (run.Spec.Gate.Name, run.Metadata.Labels[WellKnownLabels.Pipeline]));
        Assert.Equal(2, run.Spec.Candidate.Pipeline!.PromptVersions![PromptWorld.Prompt]);
        Assert.Equal(1, run.Spec.Baseline!.Pipeline!.PromptVersions![PromptWorld.Prompt]);
        Assert.Null(run.Spec.Candidate.Pipeline.Overrides);
        Assert.Equal(2, world.RunsOf("answer-v2").Count);
    }

    [Fact]
    public void A_candidate_that_passes_its_gate_and_fails_a_pipeline_gate_is_rejected_naming_the_pipeline()
    {
        var world = WithActiveV1AndPipeline();
        foreach (var run in world.RunsOf("answer-v2"))
        {
            var inPipeline = run.Metadata.Labels.ContainsKey(WellKnownLabels.Pipeline);
            run.Status = new EvaluationRunStatus
            {
                Phase = inPipeline ? EvaluationPhase.Failed : EvaluationPhase.Passed,
                Verdict = inPipeline ? "Failed: the pass rate fell 30.0 points against the baseline." : "Passed: every threshold is met.",
                Attempts = 1,
            };
        }

        world.Settle();

        var status = world.Status("answer-v2");
        Assert.Equal(PromptPhase.Rejected, status.Phase);
        Assert.Equal(
            "Gate support-e2e of pipeline support-bot, with this version, failed: the pass rate fell 30.0 points against the baseline. "
                + "Version 1 keeps serving.",
            status.Message);
    }

    [Fact]
    public void A_candidate_that_ignores_its_dependents_is_judged_by_its_own_gates_only()
    {
        var world = WithActiveV1AndPipeline(DependentsPolicy.Ignore);

        Assert.Equal(["quality"], world.RunsOf("answer-v2").Select(r => r.Spec.Gate.Name));
    }

    [Fact]
    public void The_candidate_lists_its_dependents_and_their_runs_start_a_bounded_number_at_a_time()
    {
        var world = new PromptWorld("quality", "support-e2e") { DependentRunsAtOnce = 1 };
        world.Commit(PromptWorld.Spec(1, gates: "quality"));
        world.Settle();
        world.FinishRuns("answer-v1", EvaluationPhase.Passed);
        world.Settle();
        var portal = SupportBot();
        portal.Metadata.Name = "portal";
        portal.Spec.Pipeline!.Steps[0].Call = new PipelineCall { ModelRef = new() { Name = "support-bot" } };
        world.Models["support-bot"] = SupportBot();
        world.Models["portal"] = portal;
        world.Commit(PromptWorld.Spec(2, "Please answer: {{ question }}", "quality"));
        world.Settle();

        Assert.Equal(["portal", "support-bot"], world.Status("answer-v2").Dependents);
        var first = Assert.Single(world.RunsOf("answer-v2"), r => r.Metadata.Labels.ContainsKey(WellKnownLabels.Pipeline));
        Assert.Equal(["support-bot"], first.Spec.Candidate.Pipeline!.Inline!.Keys);
        world.FinishRuns("answer-v2", EvaluationPhase.Passed);
        world.Settle();

        Assert.Equal(3, world.RunsOf("answer-v2").Count);
        Assert.Equal(PromptPhase.Evaluating, world.Status("answer-v2").Phase);
        world.FinishRuns("answer-v2", EvaluationPhase.Passed);
        world.Settle();
        Assert.Equal(PromptPhase.Active, world.Status("answer-v2").Phase);
    }
}
