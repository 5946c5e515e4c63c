using System.Text.Json.Nodes;
using LlmOperator.Api.V1Alpha1;
using LlmOperator.Evaluation.Assertions;
using LlmOperator.Evaluation.Client;
using LlmOperator.Evaluation.Tests.Support;

namespace LlmOperator.Evaluation.Tests.Assertions;

/// <summary>The tool-call assertions, with promptfoo's meaning where promptfoo has them (is-valid-openai-tools-call, tool-call-f1).</summary>
public sealed class ToolCallAssertionTests
{
    private static readonly JsonArray Tools = JsonNode.Parse("""
        [
          {"type":"function","function":{"name":"get_weather","parameters":
            {"type":"object","properties":{"city":{"type":"string"},"days":{"type":"integer","minimum":1}},"required":["city"]}}},
          {"type":"function","function":{"name":"get_time"}}
        ]
        """)!.AsArray();

    private static ToolCall Call(string name, string arguments) => new("call_1", name, arguments);

    [Fact]
    public void Is_valid_openai_tools_call_checks_every_call_against_the_offered_tool_s_schema()
    {
        var assertion = new ValidToolsCallAssertion(Specs.Of(AssertionType.IsValidOpenAiToolsCall));

        Assert.True(Specs.JudgeCalls(assertion, [Call("get_weather", """{"city":"Paris","days":2}"""), Call("get_time", "{}")], Tools).Pass);
        Assert.Equal(
            "Call to \"get_weather\" does not match schema: PropertyRequired at #/city",
            Specs.JudgeCalls(assertion, [Call("get_weather", """{"days":2}""")], Tools).Reason);
        Assert.Equal(
            "Called \"get_news\", but there is no function with that name",
            Specs.JudgeCalls(assertion, [Call("get_time", "{}"), Call("get_news", "{}")], Tools).Reason);
        Assert.Equal(
            "Call to \"get_weather\" has arguments that are not JSON: get_weather({city: Paris})",
            Specs.JudgeCalls(assertion, [Call("get_weather", "{city: Paris}")], Tools).Reason);
        Assert.Equal("Expected the answer to call a tool; it answered: ", Specs.JudgeCalls(assertion, [], Tools).Reason);
    }

    [Fact]
    public void Not_is_valid_openai_tools_call_passes_for_text_and_a_request_without_tools_cannot_be_judged()
    {
        var inverse = new ValidToolsCallAssertion(Specs.Of(AssertionType.NotIsValidOpenAiToolsCall));
        var assertion = new ValidToolsCallAssertion(Specs.Of(AssertionType.IsValidOpenAiToolsCall));

        Assert.True(Specs.JudgeCalls(inverse, [], Tools).Pass);
        Assert.False(Specs.JudgeCalls(inverse, [Call("get_time", "{}")], Tools).Pass);
        var error = Assert.Throws<AssertionException>(() => Specs.JudgeCalls(assertion, [Call("get_time", "{}")], tools: null));
        Assert.Equal(
            "case \"c\" assert[0]: the request offered no tools to check the calls against (set parameters.tools on the prompt or the case)",
            error.Message);
        var value = Assert.Throws<AssertionConfigurationException>(() =>
            new ValidToolsCallAssertion(Specs.Of(AssertionType.IsValidOpenAiToolsCall, "get_time")));
        Assert.Equal(
            "case \"c\" assert[0]: \"is-valid-openai-tools-call\" takes no value: it checks the calls against the tools the request offered",
            value.Message);
    }

    [Fact]
    public void Tool_call_f1_scores_the_names_called_against_the_names_expected()
    {
        var both = new ToolCallF1Assertion(Specs.Of(AssertionType.ToolCallF1, "get_weather, get_time"));
        var half = new ToolCallF1Assertion(Specs.Of(AssertionType.ToolCallF1, new JsonArray("get_weather", "get_time"), threshold: 0.6));

        var exact = Specs.JudgeCalls(both, [Call("get_time", "{}"), Call("get_weather", "{}"), Call("get_weather", "{}")]);
        var partial = Specs.JudgeCalls(both, [Call("get_weather", "{}"), Call("get_news", "{}")]);

        Assert.Equal((true, 1.0), (exact.Pass, exact.Score));
        Assert.Equal("Tool Call F1: 1.000 (precision=1.000, recall=1.000). Expected: [get_time, get_weather], Called: [get_time, get_weather]", exact.Reason);
        Assert.Equal((false, 0.5), (partial.Pass, partial.Score));
        Assert.Equal(
            "Tool Call F1 score 0.500 is below threshold 1. Expected: [get_time, get_weather], Called: [get_news, get_weather]. " +
                "Precision=0.500, Recall=0.500",
            partial.Reason);
        Assert.False(Specs.JudgeCalls(half, [Call("get_weather", "{}"), Call("get_news", "{}")]).Pass);
        Assert.True(Specs.JudgeCalls(half, [Call("get_weather", "{}")]).Pass);
        Assert.Equal(0, Specs.JudgeCalls(both, []).Score);
    }

    [Fact]
    public void Tool_call_checks_the_function_named_and_its_arguments_against_a_schema()
    {
        var any = new ToolCallAssertion(Specs.Of(AssertionType.ToolCall));
        var named = new ToolCallAssertion(Specs.Of(AssertionType.ToolCall, "get_weather"));
        var paris = new ToolCallAssertion(Specs.Of(AssertionType.ToolCall, JsonNode.Parse("""
            {"name":"get_weather","arguments":{"type":"object","required":["city"],"properties":{"city":{"enum":["Paris"]}}}}
            """)));
        var yaml = new ToolCallAssertion(Specs.Of(AssertionType.ToolCall, new JsonObject
        {
            ["arguments"] = "type: object\nrequired: [city]\nproperties: {city: {enum: [Paris]}}\n",
        }));

        Assert.True(Specs.JudgeCalls(any, [Call("get_time", "{}")]).Pass);
        Assert.Equal("Expected a function call; the answer called no function", Specs.JudgeCalls(any, []).Reason);
        Assert.Equal("Expected a call of get_weather; the answer called get_time({})", Specs.JudgeCalls(named, [Call("get_time", "{}")]).Reason);
        Assert.True(Specs.JudgeCalls(paris, [Call("get_time", "{}"), Call("get_weather", """{"city":"Paris"}""")]).Pass);
        Assert.Equal(
            "Expected a call of get_weather with arguments matching the schema; get_weather({\"city\":\"Rome\"}) does not match: NotInEnumeration at #/city",
            Specs.JudgeCalls(paris, [Call("get_weather", """{"city":"Rome"}""")]).Reason);
        Assert.True(Specs.JudgeCalls(yaml, [Call("get_news", """{"city":"Paris"}""")]).Pass);
    }

    [Fact]
    public void Not_tool_call_passes_when_no_call_matches()
    {
        var none = new ToolCallAssertion(Specs.Of(AssertionType.NotToolCall));
        var noDelete = new ToolCallAssertion(Specs.Of(AssertionType.NotToolCall, "delete_account"));

        Assert.True(Specs.JudgeCalls(none, []).Pass);
        Assert.True(Specs.JudgeCalls(noDelete, [Call("get_time", "{}")]).Pass);
        Assert.Equal(
            "Expected no call of delete_account; the answer made delete_account({\"id\":7})",
            Specs.JudgeCalls(noDelete, [Call("delete_account", """{"id":7}""")]).Reason);
    }

    [Theory]
    [InlineData("""{"name":"get_weather","args":{}}""", "\"tool-call\" value has an unknown field \"args\"; it takes name and arguments (a JSON schema)")]
    [InlineData("""{"name":3}""", "\"tool-call\" value.name must be a function name, not number")]
    [InlineData("""{"arguments":7}""", "\"tool-call\" value.arguments must be a JSON schema (an object, or YAML text), not number")]
    [InlineData("""[1]""", "\"tool-call\" value must be a function name or {name, arguments}, not array")]
    public void A_tool_call_value_that_means_nothing_is_a_configuration_error(string value, string message)
    {
        var error = Assert.Throws<AssertionConfigurationException>(() => new ToolCallAssertion(Specs.Of(AssertionType.ToolCall, JsonNode.Parse(value))));

        Assert.Equal($"case \"c\" assert[0]: {message}", error.Message);
    }
}
