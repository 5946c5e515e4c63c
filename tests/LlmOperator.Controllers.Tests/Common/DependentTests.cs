using k8s.Models;
using LlmOperator.Api.V1Alpha1;
using LlmOperator.Controllers.Common;

namespace LlmOperator.Controllers.Tests.Common;

/// <summary>Which pipelines judge a model's or a prompt's candidate, directly or through other pipelines.</summary>
public class DependentTests
{
    // A pipeline with one call step per component (the first rendering prompt, if given) and, unless gates is empty, an evaluate step.
    private static ModelDeployment Pipeline(string name, string[] calls, string? prompt = null, params string[] gates) => new()
    {
        Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = "ml" },
        Spec = new ModelDeploymentSpec
        {
            Model = new ModelSource { Name = name },
            Engine = InferenceEngine.Pipeline,
            Pipeline = new PipelineSpec
            {
                Steps = [.. calls.Select((c, i) => new PipelineStep
                {
                    Name = $"s{i}",
                    Call = new PipelineCall { ModelRef = new() { Name = c }, PromptRef = i == 0 && prompt is not null ? new() { Name = prompt } : null },
                })],
            },
            Rollout = gates.Length == 0 ? null : new RolloutStrategy { Steps = [new RolloutStep { Evaluate = new EvaluateStep { Gates = [.. gates] } }] },
        },
    };

    private static ModelDeployment Model(string name) => new()
    {
        Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = "ml" },
        Spec = new ModelDeploymentSpec { Model = new ModelSource { Name = name }, Engine = InferenceEngine.Mock },
    };

    [Fact]
    public void A_pipeline_that_calls_the_model_through_another_pipeline_judges_it_with_that_pipeline_executed_inline()
    {
        ModelDeployment[] models =
        [
            Pipeline("support-bot", ["llama", "hosted"], null, "support-e2e"),
            Pipeline("portal", ["guard", "support-bot"], null, "portal-e2e"),
            Pipeline("unrelated", ["hosted"], null, "other"),
            Model("guard"),
        ];

        var dependents = Dependent.Of(Model("llama"), models);

        Assert.Equal(["portal", "support-bot"], dependents.Select(d => d.Pipeline.Metadata.Name));
        Assert.Equal(["portal-e2e"], dependents[0].Gates);
        Assert.Equal(["support-bot"], dependents[0].Inline.Keys);
        Assert.Same(models[0].Spec.Pipeline, dependents[0].Inline["support-bot"]);
        Assert.Empty(dependents[1].Inline);
    }

    [Fact]
    public void A_pipeline_in_between_judges_nothing_without_gates_but_is_still_executed_inline_by_those_above_it()
    {
        ModelDeployment[] models = [Pipeline("middle", ["llama"]), Pipeline("top", ["middle"], null, "top-e2e")];

        var dependent = Assert.Single(Dependent.Of(Model("llama"), models));

        Assert.Equal("top", dependent.Pipeline.Metadata.Name);
        Assert.Equal(["middle"], dependent.Inline.Keys);
    }

    [Fact]
    public void Pipelines_that_call_each_other_in_a_circle_judge_nothing_and_a_model_that_is_a_pipeline_is_replaced_not_inlined()
    {
        ModelDeployment[] models =
        [
            Pipeline("a", ["llama", "b"], null, "a-e2e"),
            Pipeline("b", ["a"], null, "b-e2e"),
            Pipeline("inner", ["llama"], null, "inner-e2e"),
            Pipeline("outer", ["inner"], null, "outer-e2e"),
        ];

        Assert.Equal(["inner", "outer"], Dependent.Of(Model("llama"), models).Select(d => d.Pipeline.Metadata.Name));
        var outer = Assert.Single(Dependent.Of(models[2], models));
        Assert.Equal(("outer", 0), (outer.Pipeline.Metadata.Name, outer.Inline.Count));
    }

    [Fact]
    public void A_prompt_is_judged_by_the_pipelines_that_render_it_and_by_those_that_call_them()
    {
        ModelDeployment[] models =
        [
            Pipeline("support-bot", ["chat"], "support-answer", "support-e2e"),
            Pipeline("portal", ["support-bot"], null, "portal-e2e"),
        ];
        var version = new PromptVersionSpec { PromptName = "support-answer", Version = 2 };

        var dependents = Dependent.Of(version, models);

        Assert.Equal(["portal", "support-bot"], dependents.Select(d => d.Pipeline.Metadata.Name));
        Assert.Equal(["support-bot"], dependents[0].Inline.Keys);
        version.Dependents = DependentsPolicy.Ignore;
        Assert.Empty(Dependent.Of(version, models));
    }
}
