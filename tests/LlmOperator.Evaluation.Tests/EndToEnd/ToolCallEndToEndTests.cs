using LlmOperator.Api.V1Alpha1;
using LlmOperator.Evaluation.Tests.Support;
using LlmOperator.Testing;

namespace LlmOperator.Evaluation.Tests.EndToEnd;

/// <summary>
/// A gate of function-calling cases run against mock-llm over HTTP: tools from the cases' parameters go out with
/// tool_choice auto, the calls come back (streamed and not), and the tool-call assertions judge them.
/// </summary>
public sealed class ToolCallEndToEndTests
{
    private const string Answers =
        """
        {"input": "What is the weather in Paris?", "correct": "Sunny.", "tool_call": {"name": "get_weather", "arguments": {"city": "Paris"}}}
        {"input": "What time is it in Rome?", "correct": "Noon.", "tool_call": {"name": "get_time", "arguments": {"zone": "CET"}}}
        {"input": "Say hello.", "correct": "Hello."}

        """;

    private const string Gate =
        """
        apiVersion: llmoperator.io/v1alpha1
        kind: EvaluationGate
        metadata: {name: weather-tools}
        spec:
          dataset:
            cases:
              - id: paris
                messages: [{role: user, content: What is the weather in Paris?}]
                parameters: &tools
                  tools:
                    - type: function
                      function:
                        name: get_weather
                        parameters: {type: object, properties: {city: {type: string}}, required: [city]}
                    - type: function
                      function: {name: get_time, parameters: {type: object, properties: {zone: {type: string}}}}
                assert:
                  - type: is-valid-openai-tools-call
                  - type: tool-call
                    value:
                      name: get_weather
                      arguments: {type: object, required: [city], properties: {city: {enum: [Paris]}}}
              - id: rome
                messages: [{role: user, content: What time is it in Rome?}]
                parameters: *tools
                assert:
                  - type: tool-call-f1
                    value: [get_time]
                  - type: not-tool-call
                    value: get_weather
              - id: hello
                messages: [{role: user, content: Say hello.}]
                parameters: *tools
                assert:
                  - type: not-tool-call
                  - type: equals
                    value: Hello.
          thresholds: {minPassRate: 0.3}
          comparison: {baseline: none}

        """;

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_model_that_calls_the_right_functions_passes_the_tool_call_assertions(bool stream)
    {
        using var folder = new TempDirectory();
        await using var server = await MockLlmHost.StartAsync(o => o.AnswersPath = folder.Write("answers.jsonl", Answers));

        var report = await Scenario.RunGateAsync(folder.Write("gate.yaml", Gate), server.Url, options: Engine.Options(o => o.Stream = stream));

        Assert.Equal(EvaluationPhase.Passed, report.Verdict.Phase);
        var outputs = report.Candidate.Cases.ToDictionary(c => c.Id, c => Assert.Single(c.Attempts));
        Assert.All(outputs.Values, a => Assert.True(a.Passed, a.Error ?? string.Join("; ", a.Assertions.Select(o => o.Reason))));
        Assert.StartsWith("""[{"id":"call_mock-""", outputs["paris"].Output, StringComparison.Ordinal);
        Assert.EndsWith(
            ""","type":"function","function":{"name":"get_weather","arguments":"{\"city\":\"Paris\"}"}}]""",
            outputs["paris"].Output,
            StringComparison.Ordinal);
        Assert.Equal("Hello.", outputs["hello"].Output);
    }

    [Fact]
    public async Task A_model_that_answers_in_text_instead_of_calling_fails_them_with_reasons()
    {
        using var folder = new TempDirectory();
        await using var server = await MockLlmHost.StartAsync(o => { o.AnswersPath = folder.Write("answers.jsonl", Answers); o.Quality = 0; });

        var report = await Scenario.RunGateAsync(folder.Write("gate.yaml", Gate), server.Url);

        var paris = Assert.Single(report.Candidate.Cases.Single(c => c.Id == "paris").Attempts);
        Assert.False(paris.Passed);
        Assert.Equal(
            ["Expected the answer to call a tool; it answered: I am not sure.", "Expected a call of get_weather with arguments matching the schema; " +
                "the answer called no function"],
            paris.Assertions.Select(a => a.Reason));
        Assert.Contains("Tool Call F1 score 0.000 is below threshold 1.", report.Candidate.Cases.Single(c => c.Id == "rome").Attempts[0].Assertions[0].Reason);
    }
}
