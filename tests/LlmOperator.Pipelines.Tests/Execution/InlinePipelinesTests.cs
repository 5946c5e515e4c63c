using LlmOperator.Pipelines.Compiling;
using LlmOperator.Pipelines.Components;
using LlmOperator.Pipelines.Execution;
using LlmOperator.Templates;
using Microsoft.Extensions.Time.Testing;

namespace LlmOperator.Pipelines.Tests.Execution;

public class InlinePipelinesTests
{
    private readonly ScriptedComponents _components = new();
    private readonly PublishedPrompts _prompts = new();
    private readonly FakeTimeProvider _time = new();

    private static CompiledPipeline Compile(string json) => PipelineCompiler.Compile(PipelineSpecs.Parse(json));

    private static readonly CompiledPipeline Portal = Compile(
        """
        {"steps":[{"name":"ask","call":{"modelRef":{"name":"support-bot"},"fallback":[{"modelRef":{"name":"hosted"}}]}}],
         "output":"portal: {{ steps.ask.output }}"}
        """);

    private static readonly CompiledPipeline SupportBot = Compile(
        """{"steps":[{"name":"answer","call":{"modelRef":{"name":"llama"},"messages":[{"role":"user","content":"Q: {{ input }}"}]}}]}""");

    private Task<PipelineResult> AskAsync(IComponentClient components) => new PipelineExecutor(Portal, components, _prompts, _time)
        .ExecuteAsync(new PipelineRequest([new ChatMessage("user", "Where is my order?")]), default);

    private InlinePipelines SupportBotInline() =>
        new(new Dictionary<string, CompiledPipeline> { ["support-bot"] = SupportBot }, _components, _prompts, _time);

    [Fact]
    public async Task A_pipeline_component_executed_inline_calls_its_own_components_with_the_callers_messages()
    {
        _components.Answer("llama", call => $"llama says {call.Messages[^1].Content}");

        var result = await AskAsync(SupportBotInline());

        Assert.Equal("portal: llama says Q: Where is my order?", result.Output);
        Assert.Equal(["llama"], _components.Requests.Select(r => r.ModelRef));
    }

    [Fact]
    public async Task An_inline_pipeline_that_fails_is_a_failed_call_the_caller_answers_with_its_fallback()
    {
        _components.Fail("llama", "HTTP 503").Answer("hosted", "hosted answer");

        var result = await AskAsync(SupportBotInline());

        Assert.Equal("portal: hosted answer", result.Output);
        var call = Assert.Single(result.Steps).Calls[0];
        Assert.Equal(CallOutcome.Failed, call.Outcome);
        Assert.Contains("pipeline support-bot: ", call.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Inline_pipelines_that_call_each_other_in_a_circle_are_refused_before_anything_runs()
    {
        var loop = new Dictionary<string, CompiledPipeline>
        {
            ["a"] = Compile("""{"steps":[{"name":"s","call":{"modelRef":{"name":"b"}}}]}"""),
            ["b"] = Compile("""{"steps":[{"name":"s","call":{"modelRef":{"name":"a"}}}]}"""),
        };

        var error = Assert.Throws<PipelineDefinitionException>(() => new InlinePipelines(loop, _components, _prompts, _time));

        Assert.Equal("pipelines called inline call each other in a circle: a -> b -> a", error.Message);
    }
}
