using LlmOperator.Pipelines.Compiling;

namespace LlmOperator.Pipelines.Tests.Compiling;

public class PipelineCompilerTests
{
    private static IReadOnlyList<string> Errors(string pipeline) =>
        Assert.Throws<PipelineDefinitionException>(() => PipelineCompiler.Compile(PipelineSpecs.Parse(pipeline))).Errors;

    [Fact]
    public void Every_problem_is_reported_at_once_with_its_path()
    {
        var errors = Errors(
            """
            {"steps":[
              {"name":"guard","call":{"modelRef":{"name":"g"},"timeout":"0s","unless":"output.startsWith(","vars":{"q":"{{ input "}}},
              {"name":"answer","switch":[{"when":"steps.gaurd.output == 'x'","respond":"no"},
                {"call":{"modelRef":{"name":"a"},"messages":[{"role":"user","content":"{{ steps.polish.output }}"}]}}]},
              {"name":"polish","call":{"modelRef":{"name":"p"}}}],
             "output":"{% if %}"}
            """);

        Assert.Collection(
            errors,
            e => Assert.StartsWith("spec.pipeline.steps[0].call.vars.q does not parse: ", e, StringComparison.Ordinal),
            e => Assert.StartsWith("spec.pipeline.steps[0].call.unless: the rule does not compile: ", e, StringComparison.Ordinal),
            e => Assert.Equal("spec.pipeline.steps[0].call.timeout: 0s is not a positive duration", e),
            e => Assert.Equal("spec.pipeline.steps[1].switch[0].when: reads steps.gaurd, but no step has that name; did you mean guard?", e),
            e => Assert.Equal("spec.pipeline.steps[1].switch[1].call.messages[0]: reads steps.polish, which does not run before it", e),
            e => Assert.StartsWith("spec.pipeline.output does not parse: ", e, StringComparison.Ordinal));
    }

    [Fact]
    public void A_step_cannot_read_itself_but_the_output_reads_every_step()
    {
        var errors = Errors("""{"steps":[{"name":"a","call":{"modelRef":{"name":"x"},"unless":"steps.a.output == output"}}]}""");
        var compiled = PipelineCompiler.Compile(PipelineSpecs.Parse(
            """{"steps":[{"name":"a","call":{"modelRef":{"name":"x"}}},{"name":"b","call":{"modelRef":{"name":"y"}}}],"output":"{{ steps.a.output }}"}"""));

        Assert.Equal(["spec.pipeline.steps[0].call.unless: reads steps.a, which does not run before it"], errors);
        Assert.NotNull(compiled.Output);
    }

    [Fact]
    public void The_compiled_pipeline_lists_every_model_and_prompt_it_uses()
    {
        var compiled = PipelineCompiler.Compile(PipelineSpecs.Parse(
            """
            {"steps":[
              {"name":"guard","call":{"modelRef":{"name":"guard-llm"},"promptRef":{"name":"guard-check"}}},
              {"name":"answer","switch":[{"when":"input == ''","respond":"?"},
                {"call":{"modelRef":{"name":"llama-chat"},"promptRef":{"name":"support-answer"},
                  "fallback":[{"modelRef":{"name":"hosted-gpt"},"promptRef":{"name":"hosted-answer"}}]}}]},
              {"name":"best","ensemble":{"combine":"judge","calls":[{"modelRef":{"name":"a"}},{"modelRef":{"name":"llama-chat"}}],
                "judge":{"modelRef":{"name":"judge-llm"}}}}]}
            """));

        Assert.Equal(["a", "guard-llm", "hosted-gpt", "judge-llm", "llama-chat"], compiled.ModelRefs);
        Assert.Equal(["guard-check", "hosted-answer", "support-answer"], compiled.PromptNames);
        Assert.Equal(["guard", "answer", "best"], compiled.Steps.Select(s => s.Name));
    }

    [Fact]
    public void Durations_are_read_as_the_api_writes_them()
    {
        var compiled = PipelineCompiler.Compile(PipelineSpecs.Parse(
            """{"timeout":"1m30s","steps":[{"name":"a","call":{"modelRef":{"name":"x"},"timeout":"500ms"}}]}"""));

        Assert.Equal(TimeSpan.FromSeconds(90), compiled.Timeout);
        Assert.Equal(TimeSpan.FromMilliseconds(500), ((CallAction)compiled.Steps[0].Action).Call.Timeout);
    }
}
