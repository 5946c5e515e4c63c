using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;
using LlmOperator.Api.V1Alpha1;
using LlmOperator.Evaluation.Client;
using LlmOperator.Evaluation.Telemetry;
using LlmOperator.Evaluation.Tests.Support;
using LlmOperator.Templates;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace LlmOperator.Evaluation.Tests.Client;

public class OpenAiClientTests
{
    private static readonly ChatMessage[] Question = [new("user", "What is 2+2?")];

    [Fact]
    public async Task Retries_wait_for_Retry_After_then_back_off_and_succeed()
    {
        var time = new FakeTimeProvider();
        var arrivals = new List<DateTimeOffset>();
        var handler = new StubHandler((_, _, _) =>
        {
            arrivals.Add(time.GetUtcNow());
            var response = arrivals.Count switch
            {
                1 => StubHandler.Json("""{"error":{"message":"rate limited"}}""", HttpStatusCode.TooManyRequests),
                2 => StubHandler.Json("""{"error":{"message":"overloaded"}}""", HttpStatusCode.InternalServerError),
                _ => StubHandler.Json(StubHandler.Completion("4")),
            };
            if (arrivals.Count == 1)
            {
                response.Headers.RetryAfter = new System.Net.Http.Headers.RetryConditionHeaderValue(TimeSpan.FromSeconds(7));
            }

            return Task.FromResult(response);
        });
        using var client = Engine.Client(handler, time: time, retries: 3, baseDelay: TimeSpan.FromMilliseconds(500));

        var completion = await Drive(time, client.CompleteAsync(Question, null, CancellationToken.None));

        Assert.Equal("4", completion.Content);
        Assert.Equal(3, completion.Attempts);
        Assert.Equal(3, arrivals.Count);
        Assert.InRange(arrivals[1] - arrivals[0], TimeSpan.FromSeconds(7), TimeSpan.FromSeconds(7.25));
        Assert.InRange(arrivals[2] - arrivals[1], TimeSpan.FromSeconds(0.5), TimeSpan.FromSeconds(1.25));
    }

    [Fact]
    public async Task A_client_error_is_not_retried()
    {
        var handler = new StubHandler((_, _, _) => Task.FromResult(StubHandler.Json("""{"error":{"message":"unknown model"}}""", HttpStatusCode.BadRequest)));
        using var client = Engine.Client(handler, retries: 3);

        var error = await Assert.ThrowsAsync<ModelCallException>(() => client.CompleteAsync(Question, null, CancellationToken.None));

        Assert.Equal("judge at http://judge.test/v1/: HTTP 400: unknown model", error.Message);
        Assert.Equal(1, error.Attempts);
        Assert.Single(handler.Requests);
    }

    [Fact]
    public async Task A_TGI_error_string_is_reported_with_its_words_instead_of_aborting_the_run()
    {
        var handler = new StubHandler((_, _, _) => Task.FromResult(StubHandler.Json(
            """{"error":"Input validation error: `inputs` tokens + `max_new_tokens` must be <= 4096","error_type":"validation"}""",
            HttpStatusCode.UnprocessableEntity)));
        using var client = Engine.Client(handler, retries: 3);

        var error = await Assert.ThrowsAsync<ModelCallException>(() => client.CompleteAsync(Question, null, CancellationToken.None));

        Assert.Equal("judge at http://judge.test/v1/: HTTP 422: Input validation error: `inputs` tokens + `max_new_tokens` must be <= 4096", error.Message);
        Assert.Single(handler.Requests);
    }

    [Fact]
    public async Task An_exhausted_quota_is_not_retried_but_a_rate_limit_waits_retry_after_ms()
    {
        var time = new FakeTimeProvider();
        var arrivals = new List<DateTimeOffset>();
        var quota = new StubHandler((_, _, _) => Task.FromResult(StubHandler.Json(
            """{"error":{"message":"You exceeded your current quota","type":"insufficient_quota","code":"insufficient_quota"}}""",
            HttpStatusCode.TooManyRequests)));
        var limited = new StubHandler((_, _, _) =>
        {
            arrivals.Add(time.GetUtcNow());
            if (arrivals.Count > 1)
            {
                return Task.FromResult(StubHandler.Json(StubHandler.Completion("4")));
            }

            var response = StubHandler.Json("""{"error":{"message":"Rate limit reached","code":"rate_limit_exceeded"}}""", HttpStatusCode.TooManyRequests);
            response.Headers.TryAddWithoutValidation("retry-after-ms", "4000");
            return Task.FromResult(response);
        });
        using var quotaClient = Engine.Client(quota, retries: 3);
        using var limitedClient = Engine.Client(limited, time: time, retries: 3, baseDelay: TimeSpan.FromMilliseconds(100));

        var error = await Assert.ThrowsAsync<ModelCallException>(() => quotaClient.CompleteAsync(Question, null, CancellationToken.None));
        var completion = await Drive(time, limitedClient.CompleteAsync(Question, null, CancellationToken.None));

        Assert.Equal("judge at http://judge.test/v1/: HTTP 429: You exceeded your current quota", error.Message);
        Assert.Single(quota.Requests);
        Assert.Equal("4", completion.Content);
        Assert.InRange(arrivals[1] - arrivals[0], TimeSpan.FromSeconds(4), TimeSpan.FromSeconds(4.25));
    }

    [Fact]
    public async Task An_overloaded_error_inside_a_TGI_stream_is_retried_and_a_generation_error_is_reported()
    {
        var calls = 0;
        static HttpResponseMessage Stream(string events) => new(HttpStatusCode.OK) { Content = new StringContent(events, Encoding.UTF8, "text/event-stream") };
        var overloaded = new StubHandler((_, _, _) => Task.FromResult(Interlocked.Increment(ref calls) == 1
            ? Stream("data: {\"error\":\"Model is overloaded\",\"error_type\":\"overloaded\"}\n\n")
            : Stream("data: {\"choices\":[{\"delta\":{\"content\":\"4\"},\"finish_reason\":\"stop\"}]}\n\ndata: [DONE]\n\n")));
        var failing = new StubHandler((_, _, _) => Task.FromResult(
            Stream("data: {\"error\":\"Request failed during generation: CUDA out of memory\",\"error_type\":\"generation\"}\n\n")));
        using var retried = Engine.Client(overloaded, stream: true, retries: 3, baseDelay: TimeSpan.FromMilliseconds(1));
        using var reported = Engine.Client(failing, stream: true, retries: 3);

        var completion = await retried.CompleteAsync(Question, null, CancellationToken.None);
        var error = await Assert.ThrowsAsync<ModelCallException>(() => reported.CompleteAsync(Question, null, CancellationToken.None));

        Assert.Equal(("4", 2), (completion.Content, completion.Attempts));
        Assert.Equal(
            "judge at http://judge.test/v1/: the stream carried an error: Request failed during generation: CUDA out of memory", error.Message);
        Assert.Single(failing.Requests);
    }

    [Fact]
    public async Task A_Retry_After_beyond_the_limit_is_not_waited_for()
    {
        var handler = new StubHandler((_, _, _) =>
        {
            var response = StubHandler.Json("""{"error":{"message":"slow down"}}""", HttpStatusCode.TooManyRequests);
            response.Headers.RetryAfter = new System.Net.Http.Headers.RetryConditionHeaderValue(TimeSpan.FromSeconds(120));
            return Task.FromResult(response);
        });
        using var client = Engine.Client(handler, retries: 3);

        var error = await Assert.ThrowsAsync<ModelCallException>(() => client.CompleteAsync(Question, null, CancellationToken.None));

        Assert.Equal(
            "judge at http://judge.test/v1/: HTTP 429: slow down (1 attempt); the server asked to retry after 120s, longer than the 60s limit",
            error.Message);
    }

    [Fact]
    public async Task A_hung_endpoint_ends_at_the_request_timeout_after_its_retries()
    {
        var time = new FakeTimeProvider();
        var handler = new StubHandler(async (_, _, cancellationToken) =>
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
            throw new InvalidOperationException("unreachable");
        });
        using var client = Engine.Client(handler, time: time, retries: 1, timeout: TimeSpan.FromSeconds(2));

        var error = await Assert.ThrowsAsync<ModelCallException>(() => Drive(time, client.CompleteAsync(Question, null, CancellationToken.None)));

        Assert.Equal("judge at http://judge.test/v1/: request timed out after 2s (2 attempts)", error.Message);
        Assert.Equal(2, handler.Requests.Count);
    }

    [Fact]
    public async Task Network_errors_are_retried()
    {
        var calls = 0;
        var handler = new StubHandler((_, _, _) => ++calls < 3
            ? throw new HttpRequestException("Connection refused (judge.test:80)", new SocketException((int)SocketError.ConnectionRefused))
            : Task.FromResult(StubHandler.Json(StubHandler.Completion("ok"))));
        using var client = Engine.Client(handler, retries: 2);

        var completion = await client.CompleteAsync(Question, null, CancellationToken.None);

        Assert.Equal(3, completion.Attempts);
        calls = -10;
        var error = await Assert.ThrowsAsync<ModelCallException>(() => client.CompleteAsync(Question, null, CancellationToken.None));
        Assert.StartsWith("judge at http://judge.test/v1/: network error: ", error.Message);
        Assert.EndsWith("(3 attempts)", error.Message);
    }

    [Fact]
    public async Task Streamed_answers_give_time_to_first_token_and_usage()
    {
        const string Events = "data: {\"model\":\"m\",\"choices\":[{\"delta\":{\"role\":\"assistant\",\"content\":\"\"}}]}\n\n" +
            "data: {\"choices\":[{\"delta\":{\"content\":\"The answer \"}}]}\n\n" +
            ": keep-alive comment\n\n" +
            "data: {\"choices\":[{\"delta\":{\"content\":\"is 4.\"},\"finish_reason\":\"stop\"}]}\n\n" +
            "data: {\"choices\":[],\"usage\":{\"prompt_tokens\":12,\"completion_tokens\":5}}\n\n" +
            "data: [DONE]\n\n";
        var handler = new StubHandler((_, _, _) => Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK)
        {
            Content = new StringContent(Events, Encoding.UTF8, "text/event-stream"),
        }));
        using var client = Engine.Client(handler, stream: true);

        var completion = await client.CompleteAsync(Question, new JsonObject { ["temperature"] = 0 }, CancellationToken.None);

        Assert.Equal("The answer is 4.", completion.Content);
        Assert.Equal("m", completion.Model);
        Assert.Equal("stop", completion.FinishReason);
        Assert.Equal(new TokenUsage(12, 5, null), completion.Usage);
        Assert.NotNull(completion.TimeToFirstToken);
        var request = JsonNode.Parse(handler.Requests[0].Body)!;
        Assert.True(request["stream"]!.GetValue<bool>());
        Assert.True(request["stream_options"]!["include_usage"]!.GetValue<bool>());
        Assert.Equal(0, request["temperature"]!.GetValue<int>());
    }

    [Fact]
    public async Task Cost_comes_from_the_server_or_from_pricing()
    {
        var handler = new StubHandler((_, _, _) => Task.FromResult(StubHandler.Json(StubHandler.Completion("ok"))));
        var pricing = new ModelPricing { InputPerMillionTokens = 2.5, OutputPerMillionTokens = 10 };
        var settings = new ClientSettings(TimeSpan.FromSeconds(5), RetryPolicy.Default, 1, Stream: false);
        using var priced = new OpenAiClient(
            new HttpClient(handler),
            new ModelEndpoint("http://judge.test", "m", pricing: pricing),
            settings,
            new EvaluationTelemetry(),
            TimeProvider.System,
            NullLogger.Instance);

        var completion = await priced.CompleteAsync(Question, null, CancellationToken.None);

        Assert.Equal((10 * 2.5 + 5 * 10) / 1_000_000, completion.Usage.Cost!.Value, 12);
        var reported = new StubHandler((_, _, _) => Task.FromResult(StubHandler.Json(
            """{"choices":[{"message":{"content":"ok"}}],"usage":{"prompt_tokens":1,"completion_tokens":1,"cost":0.25}}""")));
        using var server = new OpenAiClient(
            new HttpClient(reported),
            new ModelEndpoint("http://judge.test", "m", pricing: pricing),
            settings,
            new EvaluationTelemetry(),
            TimeProvider.System,
            NullLogger.Instance);
        Assert.Equal(0.25, (await server.CompleteAsync(Question, null, CancellationToken.None)).Usage.Cost);
    }

    [Fact]
    public async Task The_api_key_is_sent_as_a_bearer_token_and_never_printed()
    {
        var handler = new StubHandler((_, _, _) => Task.FromResult(StubHandler.Json("""{"error":{"message":"bad key"}}""", HttpStatusCode.Unauthorized)));
        var key = new ApiKey("sk-very-secret");
        var endpoint = new ModelEndpoint("http://judge.test", "m", key);
        using var client = new OpenAiClient(
            new HttpClient(handler),
            endpoint,
            new ClientSettings(TimeSpan.FromSeconds(5), RetryPolicy.Default, 1),
            new EvaluationTelemetry(),
            TimeProvider.System,
            NullLogger.Instance);

        var error = await Assert.ThrowsAsync<ModelCallException>(() => client.CompleteAsync(Question, null, CancellationToken.None));

        Assert.Equal("Bearer sk-very-secret", handler.Requests[0].Request.Headers.Authorization!.ToString());
        Assert.DoesNotContain("sk-very-secret", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("sk-very-secret", endpoint.ToString(), StringComparison.Ordinal);
        Assert.Equal("***", key.ToString());
    }

    [Fact]
    public async Task A_reasoning_model_that_refuses_max_tokens_and_temperature_gets_max_completion_tokens_and_its_default_from_then_on()
    {
        // OpenAI's o-series answers exactly these 400s (param and code are what the client reads).
        var handler = new StubHandler((_, body, _) =>
        {
            var request = JsonNode.Parse(body)!;
            return Task.FromResult(request["max_tokens"] is not null
                ? StubHandler.Json("""
                    {"error":{"message":"Unsupported parameter: 'max_tokens' is not supported with this model. Use 'max_completion_tokens' instead.",
                     "type":"invalid_request_error","param":"max_tokens","code":"unsupported_parameter"}}
                    """, HttpStatusCode.BadRequest)
                : request["temperature"] is not null
                    ? StubHandler.Json("""
                        {"error":{"message":"Unsupported value: 'temperature' does not support 0 with this model. Only the default (1) value is supported.",
                         "type":"invalid_request_error","param":"temperature","code":"unsupported_value"}}
                        """, HttpStatusCode.BadRequest)
                    : StubHandler.Json(StubHandler.Completion("4")));
        });
        using var client = Engine.Client(handler, retries: 3);
        var parameters = new JsonObject { ["max_tokens"] = 64, ["temperature"] = 0 };

        var first = await client.CompleteAsync(Question, parameters, CancellationToken.None);
        var second = await client.CompleteAsync(Question, parameters, CancellationToken.None);

        Assert.Equal(("4", "4"), (first.Content, second.Content));
        Assert.Equal(4, handler.Requests.Count);
        var last = JsonNode.Parse(handler.Requests[^1].Body)!.AsObject();
        Assert.Equal(64, last["max_completion_tokens"]!.GetValue<int>());
        Assert.False(last.ContainsKey("max_tokens"));
        Assert.False(last.ContainsKey("temperature"));
    }

    [Fact]
    public async Task A_400_about_anything_else_is_not_sent_again()
    {
        var handler = new StubHandler((_, _, _) => Task.FromResult(StubHandler.Json(
            """{"error":{"message":"Invalid value for 'top_p'","type":"invalid_request_error","param":"top_p","code":"invalid_value"}}""",
            HttpStatusCode.BadRequest)));
        using var client = Engine.Client(handler, retries: 3);

        await Assert.ThrowsAsync<ModelCallException>(() => client.CompleteAsync(Question, new JsonObject { ["top_p"] = 2 }, CancellationToken.None));

        Assert.Single(handler.Requests);
    }

    [Fact]
    public async Task An_Azure_base_url_keeps_its_api_version_on_every_request()
    {
        var handler = new StubHandler((_, _, _) => Task.FromResult(StubHandler.Json(StubHandler.Completion("4"))));
        using var client = new OpenAiClient(
            new HttpClient(handler),
            new ModelEndpoint("https://example.openai.azure.com/openai/deployments/gpt-4o?api-version=2024-10-21", "gpt-4o"),
            new ClientSettings(TimeSpan.FromSeconds(5), RetryPolicy.Default with { MaxRetries = 0 }, 1, false),
            new EvaluationTelemetry(),
            TimeProvider.System,
            NullLogger.Instance);

        await client.CompleteAsync(Question, null, CancellationToken.None);

        Assert.Equal(
            "https://example.openai.azure.com/openai/deployments/gpt-4o/chat/completions?api-version=2024-10-21",
            handler.Requests[0].Request.RequestUri!.ToString());
    }

    [Fact]
    public void Base_urls_without_a_path_get_v1()
    {
        Assert.Equal("http://127.0.0.1:8000/v1/", new ModelEndpoint("http://127.0.0.1:8000", "m").BaseUrl.ToString());
        Assert.Equal("https://api.example.com/openai/v1/", new ModelEndpoint("https://api.example.com/openai/v1/", "m").BaseUrl.ToString());
        Assert.Equal(
            "\"ftp://x\" is not an http or https URL (Parameter 'baseUrl')",
            Assert.Throws<ArgumentException>(() => new ModelEndpoint("ftp://x", "m")).Message);
    }

    // Advances fake time in small steps until the call completes: waits (backoff, timeouts) run on that clock.
    private static async Task<T> Drive<T>(FakeTimeProvider time, Task<T> call)
    {
        for (var step = 0; !call.IsCompleted && step < 10_000; step++)
        {
            time.Advance(TimeSpan.FromMilliseconds(250));
            await Task.Delay(1);
        }

        return await call;
    }
}
