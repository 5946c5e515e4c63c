using System.Globalization;
using System.Text.Json.Nodes;
using LlmOperator.Evaluation.Tests.Support;

namespace LlmOperator.Evaluation.Tests.EndToEnd;

/// <summary>A run against an engine that breaks off answers in the middle of their streams, over real HTTP.</summary>
public sealed class StreamErrorRunTests
{
    [Fact]
    public async Task An_error_in_the_middle_of_a_streamed_answer_is_that_case_s_error_or_a_retry_and_the_run_still_decides()
    {
        using var scenario = new Scenario(3, "  thresholds:\n    minPassRate: 0.3\n  comparison:\n    baseline: none\n  execution:\n    retries: 2\n");
        var overloaded = 0;
        await using var server = await ReplayServer.StartAsync((context, _, body) =>
        {
            if (context.Request.Path.Value!.EndsWith("/models", StringComparison.Ordinal))
            {
                return ReplayServer.Answer(context, 200, """{"object":"list","data":[{"id":"m","object":"model"}]}""");
            }

            var question = JsonNode.Parse(body)!["messages"]![1]!["content"]!.GetValue<string>();
            var n = int.Parse(question.Split(' ')[1].TrimEnd(':'), CultureInfo.InvariantCulture);
            var start = """data: {"choices":[{"index":0,"delta":{"content":"It is "},"finish_reason":null}]}""" + "\n\n";
            var rest = $$"""data: {"choices":[{"index":0,"delta":{"content":"{{3 * n}}."},"finish_reason":"stop"}]}""" + "\n\n";

            // TGI 2.4.1 on: a generation error after the first tokens, and a full queue (retried) on the first try.
            return n switch
            {
                1 => ReplayServer.Stream(
                    context,
                    start,
                    """data: {"error":{"message":"Request failed during generation: Server error: CUDA out of memory","http_status_code":422}}""" + "\n\n"),
                2 when Interlocked.Increment(ref overloaded) == 1 => ReplayServer.Stream(
                    context,
                    start,
                    """data: {"error":{"message":"Model is overloaded","http_status_code":422}}""" + "\n\n"),
                _ => ReplayServer.Stream(context, start, rest, "data: [DONE]\n\n"),
            };
        });

        var report = await scenario.RunAsync(server.Url);

        var attempts = report.Candidate.Cases.ToDictionary(c => c.Id, c => Assert.Single(c.Attempts));
        Assert.Equal(
            $"m at {server.Url}/: the stream carried an error: Request failed during generation: Server error: CUDA out of memory",
            attempts["q1"].Error);
        Assert.Null(attempts["q1"].Output);
        Assert.Equal((true, 2, "It is 6."), (attempts["q2"].Passed, attempts["q2"].Requests, attempts["q2"].Output));
        Assert.True(attempts["q0"].Passed);
        Assert.False(string.IsNullOrEmpty(report.Verdict.Reason));
    }
}
