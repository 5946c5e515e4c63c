using System.Text.RegularExpressions;
using LlmOperator.Evaluation.Client;
using LlmOperator.Evaluation.Tests.Support;
using LlmOperator.Templates;
using LlmOperator.Testing;

namespace LlmOperator.Evaluation.Tests.Client;

/// <summary>
/// Streams as each engine writes them (Client/Replays/*.sse, taken from each engine's serving code, cited per case),
/// replayed over real HTTP one event at a time: text, tool calls in fragments, and errors in the middle of an answer.
/// </summary>
public sealed partial class EngineStreamTests
{
    private static readonly ChatMessage[] Question = [new("user", "What is the weather in Paris?")];

    [Theory]
    // OpenAI: a role chunk, content, the finish reason, then usage with empty choices (stream_options.include_usage).
    [InlineData("openai-text.sse", "Sunny, 21 C.", null, "stop")]
    // OpenAI parallel tool calls: each call's first fragment has its id and name, then arguments in pieces, by index.
    [InlineData("openai-parallel-tools.sse", "", """get_weather({"city":"Paris"}) get_time({"zone":"CET"})""", "tool_calls")]
    // vLLM tool parsers (hermes here): the first fragment has the name and no arguments key at all.
    [InlineData("vllm-tools.sse", "", """get_weather({"city": "Paris"})""", "tool_calls")]
    // TGI 3.2 on (router/src/chat.rs): a list with one fragment per token, the name in the first, finish_reason stop.
    [InlineData("tgi-3.2-tools.sse", "", """get_weather({"city":"Paris"})""", "stop")]
    // TGI 2.x to 3.1 (router/src/lib.rs ToolCallDelta): tool_calls is one object, not a list, with no name; the arguments join
    // to TGI's grammar output {"function": {"_name": ..., ...}}, the end-of-turn token after it.
    [InlineData("tgi-2.4-tools.sse", "", """get_weather({"city":"Paris"})""", "eos_token")]
    // Ollama's OpenAI layer (middleware/openai.go): the whole call in one chunk, then a finish chunk, then [DONE].
    [InlineData("ollama-tools.sse", "", """get_weather({"city":"Paris"})""", "tool_calls")]
    // llama.cpp server (format_oai_sse): a null content in the role chunk, ":" keep-alive pings, usage and timings at the end.
    [InlineData("llamacpp-text.sse", "Sunny.", null, "stop")]
    public async Task Each_engine_s_stream_is_read_whole_with_its_tool_calls(string replay, string content, string? calls, string finish)
    {
        await using var server = await ReplayServer.StartAsync((context, _, _) => ReplayServer.Stream(context, Events(replay)));
        using var client = server.Client(stream: true);

        var completion = await client.CompleteAsync(Question, null, CancellationToken.None);

        Assert.Equal(content, completion.Content);
        Assert.Equal(calls, completion.ToolCalls.Count == 0 ? null : string.Join(" ", completion.ToolCalls.Select(c => $"{c.Name}({c.Arguments})")));
        Assert.Equal(finish, completion.FinishReason);
        Assert.True(completion.TimeToFirstToken is not null, $"{replay}: no time to first token");
    }

    [Theory]
    // TGI 2.4.1 on (router/src/infer/mod.rs into_openai_event): a full queue mid-stream says only its words, with 422.
    [InlineData("tgi-2.4.1-overloaded-midstream.sse", true, "Model is overloaded")]
    [InlineData("tgi-2.4.1-generation-error-midstream.sse", false, "Request failed during generation: Server error: CUDA out of memory")]
    // TGI before 2.4.1 (router/src/server.rs, From<InferError> for Event): a string and an error_type.
    [InlineData("tgi-2.3-generation-error-midstream.sse", false, "Request failed during generation: Server error: shard 0 died")]
    // vLLM (create_streaming_error_response): an error object with the HTTP status as its code.
    [InlineData("vllm-internal-error-midstream.sse", true, "EngineCore encountered an issue.")]
    [InlineData("vllm-bad-request-midstream.sse", false, "This model's maximum context length is 4096 tokens.")]
    // llama.cpp server since mid-2025 (format_oai_sse({"error": ...})), and before it (an "error:" line instead of data).
    [InlineData("llamacpp-error-midstream.sse", true, "failed to decode the batch")]
    [InlineData("llamacpp-2024-error-line-midstream.sse", true, "failed to decode the batch")]
    // An error event as OpenAI's SDKs read them (event: error), with an invalid request inside.
    [InlineData("openai-error-event-midstream.sse", false, "Invalid 'messages[0].content'")]
    public async Task An_error_in_the_middle_of_a_stream_is_retried_when_transient_and_reported_otherwise(string replay, bool retried, string message)
    {
        await using var server = await ReplayServer.StartAsync((context, number, _) =>
            ReplayServer.Stream(context, Events(number == 1 ? replay : "llamacpp-text.sse")));
        using var client = server.Client(stream: true);

        if (retried)
        {
            var completion = await client.CompleteAsync(Question, null, CancellationToken.None);
            Assert.True((completion.Content, completion.Attempts) == ("Sunny.", 2), $"{replay}: not retried once after {message}");
            return;
        }

        var error = await Assert.ThrowsAsync<ModelCallException>(() => client.CompleteAsync(Question, null, CancellationToken.None));
        Assert.Equal($"m at {server.Url}/: the stream carried an error: {message}", error.Message);
        Assert.True(server.Bodies.Count == 1, $"{replay}: sent again");
    }

    [Fact]
    public async Task An_answer_cut_short_is_retried_and_never_judged_as_if_whole()
    {
        // Ollama's OpenAI layer loses an error that comes after content (middleware/openai.go): the stream just stops.
        await using var server = await ReplayServer.StartAsync((context, number, _) =>
            ReplayServer.Stream(context, Events(number <= 2 ? "ollama-cut-midstream.sse" : "llamacpp-text.sse")));
        using var retried = server.Client(stream: true);
        using var once = server.Client(stream: true, retries: 0);

        var error = await Assert.ThrowsAsync<ModelCallException>(() => once.CompleteAsync(Question, null, CancellationToken.None));
        var completion = await retried.CompleteAsync(Question, null, CancellationToken.None);

        Assert.Equal($"m at {server.Url}/: the stream ended before the answer did: it sent no finish_reason and no [DONE] (1 attempt)", error.Message);
        Assert.Equal(("Sunny.", 2), (completion.Content, completion.Attempts));
    }

    [Fact]
    public async Task A_connection_cut_in_the_middle_of_a_stream_is_retried_as_a_network_error()
    {
        await using var server = await ReplayServer.StartAsync(async (context, number, _) =>
        {
            if (number > 1)
            {
                await ReplayServer.Stream(context, Events("llamacpp-text.sse"));
                return;
            }

            await ReplayServer.Stream(context, Events("ollama-cut-midstream.sse"));
            context.Abort();
        });
        using var client = server.Client(stream: true);

        var completion = await client.CompleteAsync(Question, null, CancellationToken.None);

        Assert.Equal(("Sunny.", 2), (completion.Content, completion.Attempts));
    }

    // A replay's events, each with the blank line that ends it, to be written one at a time.
    private static string[] Events(string replay) =>
        [.. EventEnd().Split(File.ReadAllText(RepositoryPaths.Combine("tests", "LlmOperator.Evaluation.Tests", "Client", "Replays", replay)))
            .Where(e => e.Length > 0)];

    [GeneratedRegex("(?<=\n\n)")]
    private static partial Regex EventEnd();
}
