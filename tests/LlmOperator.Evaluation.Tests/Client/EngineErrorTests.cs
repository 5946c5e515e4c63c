using LlmOperator.Evaluation.Client;
using LlmOperator.Evaluation.Tests.Support;
using LlmOperator.Templates;

namespace LlmOperator.Evaluation.Tests.Client;

/// <summary>
/// Each engine's error answers replayed over real HTTP, with their status and content type: the client reports the
/// engine's own words, retries what may pass on a second try, and never sends again what cannot.
/// </summary>
public sealed class EngineErrorTests
{
    private static readonly ChatMessage[] Question = [new("user", "What is 2+2?")];

    private const string Completion = """{"choices":[{"index":0,"message":{"role":"assistant","content":"4"},"finish_reason":"stop"}]}""";

    public static TheoryData<string, int, string, string, bool, string> Errors => new()
    {
        // OpenAI: an exhausted quota is a 429 that no retry cures; a rate limit is one that a wait cures.
        {
            "openai-quota", 429, "application/json",
            """{"error":{"message":"You exceeded your current quota","type":"insufficient_quota","param":null,"code":"insufficient_quota"}}""",
            false, "HTTP 429: You exceeded your current quota"
        },
        {
            "openai-rate-limit", 429, "application/json",
            """{"error":{"message":"Rate limit reached for gpt-4o-mini","type":"requests","param":null,"code":"rate_limit_exceeded"}}""",
            true, ""
        },
        // vLLM before 0.6 (flat ErrorResponse) and after (an error object), with the status as the code.
        {
            "vllm-flat", 400, "application/json",
            """{"object":"error","message":"The model `x` does not exist.","type":"NotFoundError","param":null,"code":404}""",
            false, "HTTP 400: The model `x` does not exist."
        },
        {
            "vllm-tools-off", 400, "application/json",
            """{"error":{"message":"\"auto\" tool choice requires --enable-auto-tool-choice and --tool-call-parser to be set",""" +
                "\"type\":\"BadRequestError\",\"param\":null,\"code\":400}}",
            false, "HTTP 400: \"auto\" tool choice requires --enable-auto-tool-choice and --tool-call-parser to be set"
        },
        // TGI (router/src/server.rs ErrorResponse): 429 overloaded without Retry-After, 422 validation, 424 generation.
        { "tgi-overloaded", 429, "application/json", """{"error":"Model is overloaded","error_type":"overloaded"}""", true, "" },
        {
            "tgi-validation", 422, "application/json",
            """{"error":"Input validation error: `inputs` tokens + `max_new_tokens` must be <= 4096. """ +
                """Given: 4000 `inputs` tokens and 500 `max_new_tokens`","error_type":"validation"}""",
            false, "HTTP 422: Input validation error: `inputs` tokens + `max_new_tokens` must be <= 4096. Given: 4000 `inputs` tokens and 500 `max_new_tokens`"
        },
        {
            "tgi-generation", 424, "application/json",
            """{"error":"Request failed during generation: Server error: CUDA out of memory","error_type":"generation"}""",
            false, "HTTP 424: Request failed during generation: Server error: CUDA out of memory"
        },
        // TGI's body that does not deserialise (axum's rejection): plain text, not JSON.
        {
            "tgi-body", 422, "text/plain; charset=utf-8",
            "Failed to deserialize the JSON body into the target type: messages: invalid type: null, expected a sequence at line 1 column 27",
            false, "HTTP 422: Failed to deserialize the JSON body into the target type: messages: invalid type: null, expected a sequence at line 1 column 27"
        },
        // Ollama's OpenAI layer (openai.NewError): an error object whose code is null.
        {
            "ollama", 404, "application/json",
            """{"error":{"message":"model \"llama3\" not found, try pulling it first","type":"not_found_error","param":null,"code":null}}""",
            false, "HTTP 404: model \"llama3\" not found, try pulling it first"
        },
        // llama.cpp server while the model loads.
        { "llamacpp-loading", 503, "application/json", """{"error":{"code":503,"message":"Loading model","type":"unavailable_error"}}""", true, "" },
        {
            "llamacpp-context", 400, "application/json",
            """{"error":{"code":400,"message":"the request exceeds the available context size, try increasing it",""" +
                "\"type\":\"exceed_context_size_error\",\"n_prompt_tokens\":5000,\"n_ctx\":4096}}",
            false, "HTTP 400: the request exceeds the available context size, try increasing it"
        },
    };

    [Theory]
    [MemberData(nameof(Errors))]
    public async Task Each_engine_s_error_is_reported_in_its_words_and_retried_only_when_a_retry_can_pass(
        string engine,
        int status,
        string contentType,
        string body,
        bool retried,
        string message)
    {
        await using var server = await ReplayServer.StartAsync((context, number, _) => number == 1
            ? ReplayServer.Answer(context, status, body, contentType)
            : ReplayServer.Answer(context, 200, Completion));
        using var client = server.Client(stream: false);

        if (retried)
        {
            var completion = await client.CompleteAsync(Question, null, CancellationToken.None);
            Assert.True((completion.Content, completion.Attempts) == ("4", 2), $"{engine}: not retried once");
            return;
        }

        var error = await Assert.ThrowsAsync<ModelCallException>(() => client.CompleteAsync(Question, null, CancellationToken.None));
        Assert.Equal($"m at {server.Url}/: {message}", error.Message);
        Assert.True(server.Bodies.Count == 1, $"{engine}: sent again");
    }
}
