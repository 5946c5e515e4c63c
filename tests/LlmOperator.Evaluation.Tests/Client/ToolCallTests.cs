using System.Text.Json.Nodes;
using LlmOperator.Evaluation.Tests.Support;
using LlmOperator.Templates;
using LlmOperator.Testing;

namespace LlmOperator.Evaluation.Tests.Client;

/// <summary>Tools go out with an explicit tool_choice, and the calls come back in every engine's non-streamed shape.</summary>
public sealed class ToolCallTests
{
    private static readonly ChatMessage[] Question = [new("user", "What is the weather in Paris?")];

    private static readonly JsonObject Weather = JsonNode.Parse("""
        {"type":"function","function":{"name":"get_weather","parameters":{"type":"object","properties":{"city":{"type":"string"}},"required":["city"]}}}
        """)!.AsObject();

    [Theory]
    [InlineData(null, "auto")]
    [InlineData("\"none\"", "none")]
    [InlineData("""{"type":"function","function":{"name":"get_weather"}}""", """{"type":"function","function":{"name":"get_weather"}}""")]
    public async Task Tools_are_sent_with_an_explicit_tool_choice_auto_unless_one_is_given(string? given, string sent)
    {
        await using var server = await ReplayServer.StartAsync((context, _, _) =>
            ReplayServer.Answer(context, 200, """{"choices":[{"message":{"content":"ok"},"finish_reason":"stop"}]}"""));
        using var client = server.Client(stream: false);
        var parameters = new JsonObject { ["tools"] = new JsonArray(Weather.DeepClone()) };
        if (given is not null)
        {
            parameters["tool_choice"] = JsonNode.Parse(given);
        }

        await client.CompleteAsync(Question, parameters, CancellationToken.None);
        await client.CompleteAsync(Question, null, CancellationToken.None);

        var request = JsonNode.Parse(server.Bodies[0])!;
        Assert.Equal(sent, request["tool_choice"] is JsonValue text ? text.GetValue<string>() : request["tool_choice"]!.ToJsonString());
        Assert.False(JsonNode.Parse(server.Bodies[1])!.AsObject().ContainsKey("tool_choice"));
    }

    [Theory]
    // OpenAI, vLLM, Ollama and llama.cpp: arguments as a JSON string, content null.
    [InlineData("openai-tool-call.json", """[{"id":"call_a","type":"function","function":{"name":"get_weather","arguments":"{\"city\":\"Paris\"}"}}]""")]
    // TGI before 3.2 (router/src/lib.rs FunctionDefinition): arguments as an object, a null description, no content.
    [InlineData("tgi-2.4-tool-call.json", """[{"id":"0","type":"function","function":{"name":"get_weather","arguments":"{\"city\":\"Paris\"}"}}]""")]
    // A model that says something and calls a function: both, as promptfoo gives them.
    [InlineData(
        "openai-text-and-tool-call.json",
        """{"content":"Let me look.","tool_calls":[{"id":"call_b","type":"function","function":{"name":"get_weather","arguments":"{}"}}]}""")]
    public async Task Tool_calls_are_read_back_and_the_output_shows_them_as_OpenAI_does(string replay, string output)
    {
        var answer = File.ReadAllText(RepositoryPaths.Combine("tests", "LlmOperator.Evaluation.Tests", "Client", "Replays", replay));
        await using var server = await ReplayServer.StartAsync((context, _, _) => ReplayServer.Answer(context, 200, answer));
        using var client = server.Client(stream: false);

        var completion = await client.CompleteAsync(Question, new JsonObject { ["tools"] = new JsonArray(Weather.DeepClone()) }, CancellationToken.None);

        Assert.Equal("get_weather", Assert.Single(completion.ToolCalls).Name);
        Assert.Equal(output, completion.Output);
    }
}
