using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using LlmOperator.Api.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace LlmOperator.Evaluation.MockLlm;

/// <summary>The routes of mock-llm: an OpenAI-compatible API with answers, function calls, latency, errors and token usage.</summary>
internal static class MockLlmEndpoints
{
    /// <summary>
    /// Maps /health, /metrics, /v1/models (with the adapters loaded), /v1/chat/completions (streamed or not), /v1/embeddings, and
    /// PUT /mock/quality.
    /// </summary>
    public static IEndpointRouteBuilder MapMockLlm(this IEndpointRouteBuilder routes)
    {
        ArgumentNullException.ThrowIfNull(routes);
        routes.MapGet("/health", () => Results.Text("ok"));
        routes.MapGet("/metrics", (VllmMetrics metrics) => Results.Text(metrics.Render(), "text/plain; version=0.0.4; charset=utf-8"));
        routes.MapGet("/v1/models", (MockModels models) => Results.Text(models.List().ToJsonString(), "application/json"));
        routes.MapPost("/v1/chat/completions", ChatAsync);
        routes.MapPost("/v1/embeddings", EmbeddingsAsync);
        routes.MapPut("/mock/quality", SetQualityAsync);
        return routes;
    }

    // {"quality": 0.7}: answers from now on at that quality, with no restart, as a provider's silent update would.
    private static async Task SetQualityAsync(HttpContext context)
    {
        var request = await ReadJsonAsync(context).ConfigureAwait(false);
        var quality = request?["quality"] is JsonValue value && JsonKinds.IsNumber(value) ? value.GetValue<double>() : double.NaN;
        if (quality is not (>= 0 and <= 1))
        {
            await ErrorAsync(context, StatusCodes.Status400BadRequest, "quality must be a number from 0 to 1").ConfigureAwait(false);
            return;
        }

        context.RequestServices.GetRequiredService<MockLlmState>().Quality = quality;
        context.Response.StatusCode = StatusCodes.Status204NoContent;
    }

    // With --api-key, a request without "Authorization: Bearer <key>" is refused as a hosted provider would.
    private static async Task<bool> AuthorizedAsync(HttpContext context, MockLlmOptions options)
    {
        if (options.ApiKey is not { Length: > 0 } key || context.Request.Headers.Authorization.ToString() == $"Bearer {key}")
        {
            return true;
        }

        await ErrorAsync(context, StatusCodes.Status401Unauthorized, "invalid or missing API key").ConfigureAwait(false);
        return false;
    }

    // Every answer counts in http_requests_total, errors included, as vLLM's API server counts them.
    private static async Task ChatAsync(HttpContext context)
    {
        try
        {
            await AnswerChatAsync(context).ConfigureAwait(false);
        }
        finally
        {
            context.RequestServices.GetRequiredService<VllmMetrics>().Answered(VllmMetrics.ChatHandler, "POST", context.Response.StatusCode);
        }
    }

    private static async Task AnswerChatAsync(HttpContext context)
    {
        var services = context.RequestServices;
        var time = services.GetRequiredService<TimeProvider>();
        var arrived = time.GetTimestamp();
        var options = services.GetRequiredService<IOptions<MockLlmOptions>>().Value;
        var state = services.GetRequiredService<MockLlmState>();
        var errors = services.GetRequiredService<MockErrorSource>();
        if (!await AuthorizedAsync(context, options).ConfigureAwait(false))
        {
            return;
        }

        state.CountChat();
        var cancel = context.RequestAborted;
        if (state.Faults.TryDequeue(out var fault))
        {
            await ErrorAsync(context, fault.Status, "injected fault", fault.RetryAfterSeconds).ConfigureAwait(false);
            return;
        }

        var request = await ReadJsonAsync(context).ConfigureAwait(false);
        if (request?["messages"] is not JsonArray { Count: > 0 } messages)
        {
            await ErrorAsync(context, StatusCodes.Status400BadRequest, "messages must be a non-empty array").ConfigureAwait(false);
            return;
        }

        if (errors.Next(options.ErrorRate))
        {
            await ErrorAsync(context, StatusCodes.Status500InternalServerError, "injected error").ConfigureAwait(false);
            return;
        }

        // With LoRA on, the model asked for picks the base model or an adapter, each at its quality, or is refused as vLLM refuses it.
        var asked = Text(request["model"]);
        if (!services.GetRequiredService<MockModels>().TryServe(asked, out var adapter))
        {
            await MockAdapterEndpoints.UnknownModelAsync(context, asked).ConfigureAwait(false);
            return;
        }

        var model = adapter?.Name ?? options.Model;
        var input = messages.LastOrDefault(m => Text(m?["role"]) == "user") is { } user ? Text(user["content"]) ?? "" : "";
        var book = services.GetRequiredService<AnswerBook>();
        var quality = adapter?.Quality ?? state.Quality ?? options.Quality;
        var call = MockToolChoice.Choose(request.AsObject(), book.ToolCall(input, quality));
        var answer = call is null ? options.Preamble + book.Answer(input, quality) : "";
        var promptTokens = messages.Sum(m => Tokens(Text(m?["content"]) ?? ""));
        var completionTokens = call is null ? Tokens(answer) : Tokens(call.Name + call.Arguments);
        var usage = new JsonObject
        {
            ["prompt_tokens"] = promptTokens,
            ["completion_tokens"] = completionTokens,
            ["total_tokens"] = promptTokens + completionTokens,
        };
        var metrics = services.GetRequiredService<VllmMetrics>();
        var slots = services.GetRequiredService<RunningSlots>();
        metrics.Waiting();
        try
        {
            await slots.WaitAsync(cancel).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            metrics.GaveUp();
            throw;
        }

        metrics.Running(time.GetElapsedTime(arrived));
        try
        {
            await RespondAsync(context, request, options.Latency, model, answer, call, usage, () => metrics.FirstToken(time.GetElapsedTime(arrived)))
                .ConfigureAwait(false);
            metrics.Finished(time.GetElapsedTime(arrived), promptTokens, completionTokens);
        }
        finally
        {
            metrics.Released();
            slots.Release();
        }
    }

    // The answer (or function call) after the injected latency (the time to its first token), streamed when asked.
    private static async Task RespondAsync(
        HttpContext context, JsonNode request, TimeSpan latency, string model, string answer, MockToolCall? call, JsonObject usage, Action firstToken)
    {
        var services = context.RequestServices;
        var time = services.GetRequiredService<TimeProvider>();
        var state = services.GetRequiredService<MockLlmState>();
        var cancel = context.RequestAborted;
        if (latency > TimeSpan.Zero)
        {
            await Task.Delay(latency, time, cancel).ConfigureAwait(false);
        }

        firstToken();
        var id = "chatcmpl-mock-" + state.ChatRequests.ToString(CultureInfo.InvariantCulture);
        if (request["stream"] is JsonValue stream && JsonKinds.IsBoolean(stream) && stream.GetValue<bool>())
        {
            var includeUsage = request["stream_options"]?["include_usage"] is JsonValue include && JsonKinds.IsBoolean(include) && include.GetValue<bool>();
            await StreamAsync(context, id, model, answer, call, includeUsage ? usage : null).ConfigureAwait(false);
            return;
        }

        var message = new JsonObject { ["role"] = "assistant", ["content"] = call is null ? answer : null };
        if (call is not null)
        {
            message["tool_calls"] = new JsonArray(new JsonObject
            {
                ["id"] = CallId(id),
                ["type"] = "function",
                ["function"] = new JsonObject { ["name"] = call.Name, ["arguments"] = call.Arguments },
            });
        }

        var body = new JsonObject
        {
            ["id"] = id,
            ["object"] = "chat.completion",
            ["created"] = 0,
            ["model"] = model,
            ["choices"] = new JsonArray(new JsonObject
            {
                ["index"] = 0,
                ["message"] = message,
                ["finish_reason"] = call is null ? "stop" : "tool_calls",
            }),
            ["usage"] = usage,
        };
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(body.ToJsonString(), cancel).ConfigureAwait(false);
    }

    // The answer in a few chunks, as servers stream: role first, content (or a function call: its id and name, then its
    // arguments in two pieces, as OpenAI and vLLM stream them), the finish reason, then usage if asked.
    private static async Task StreamAsync(HttpContext context, string id, string model, string answer, MockToolCall? call, JsonObject? usage)
    {
        context.Response.ContentType = "text/event-stream";
        context.Response.Headers.CacheControl = "no-cache";
        var chunks = new List<JsonObject> { Chunk(id, model, new JsonObject { ["role"] = "assistant", ["content"] = "" }, null) };
        if (call is null)
        {
            var half = answer.Length / 2;
            chunks.Add(Chunk(id, model, new JsonObject { ["content"] = answer[..half] }, null));
            chunks.Add(Chunk(id, model, new JsonObject { ["content"] = answer[half..] }, null));
        }
        else
        {
            var half = call.Arguments.Length / 2;
            var start = new JsonObject { ["name"] = call.Name, ["arguments"] = "" };
            chunks.Add(Chunk(id, model, ToolCallDelta(new JsonObject { ["id"] = CallId(id), ["type"] = "function", ["function"] = start }), null));
            chunks.Add(Chunk(id, model, ToolCallDelta(new JsonObject { ["function"] = new JsonObject { ["arguments"] = call.Arguments[..half] } }), null));
            chunks.Add(Chunk(id, model, ToolCallDelta(new JsonObject { ["function"] = new JsonObject { ["arguments"] = call.Arguments[half..] } }), null));
        }

        chunks.Add(Chunk(id, model, new JsonObject(), call is null ? "stop" : "tool_calls"));
        if (usage is not null)
        {
            chunks.Add(new JsonObject
            {
                ["id"] = id,
                ["object"] = "chat.completion.chunk",
                ["created"] = 0,
                ["model"] = model,
                ["choices"] = new JsonArray(),
                ["usage"] = usage,
            });
        }

        var text = string.Concat(chunks.Select(c => $"data: {c.ToJsonString()}\n\n")) + "data: [DONE]\n\n";
        await context.Response.WriteAsync(text, context.RequestAborted).ConfigureAwait(false);
    }

    private static JsonObject ToolCallDelta(JsonObject fragment)
    {
        fragment["index"] = 0;
        return new JsonObject { ["tool_calls"] = new JsonArray(fragment) };
    }

    private static string CallId(string completionId) => completionId.Replace("chatcmpl-", "call_", StringComparison.Ordinal);

    private static JsonObject Chunk(string id, string model, JsonObject delta, string? finish) => new()
    {
        ["id"] = id,
        ["object"] = "chat.completion.chunk",
        ["created"] = 0,
        ["model"] = model,
        ["choices"] = new JsonArray(new JsonObject { ["index"] = 0, ["delta"] = delta, ["finish_reason"] = finish }),
    };

    private static async Task EmbeddingsAsync(HttpContext context)
    {
        var services = context.RequestServices;
        services.GetRequiredService<MockLlmState>().CountEmbedding();
        var request = await ReadJsonAsync(context).ConfigureAwait(false);
        IReadOnlyList<string>? inputs = request?["input"] switch
        {
            JsonArray array when array.All(JsonKinds.IsString) => [.. array.Select(i => i!.GetValue<string>())],
            JsonValue value when JsonKinds.IsString(value) => [value.GetValue<string>()],
            _ => null,
        };
        if (inputs is null)
        {
            await ErrorAsync(context, StatusCodes.Status400BadRequest, "input must be a string or an array of strings").ConfigureAwait(false);
            return;
        }

        var data = new JsonArray([.. inputs.Select((text, i) => (JsonNode)new JsonObject
        {
            ["object"] = "embedding",
            ["index"] = i,
            ["embedding"] = new JsonArray([.. MockEmbeddings.Embed(text).Select(v => (JsonNode)JsonValue.Create(v))]),
        })]);
        var tokens = inputs.Sum(Tokens);
        var model = services.GetRequiredService<IOptions<MockLlmOptions>>().Value.Model;
        var body = new JsonObject
        {
            ["object"] = "list",
            ["data"] = data,
            ["model"] = model,
            ["usage"] = new JsonObject { ["prompt_tokens"] = tokens, ["total_tokens"] = tokens },
        };
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(body.ToJsonString(), context.RequestAborted).ConfigureAwait(false);
    }

    private static async Task<JsonNode?> ReadJsonAsync(HttpContext context)
    {
        try
        {
            return await JsonNode.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted).ConfigureAwait(false);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static async Task ErrorAsync(HttpContext context, int status, string message, int? retryAfterSeconds = null)
    {
        context.Response.StatusCode = status;
        if (retryAfterSeconds is { } seconds)
        {
            context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        }

        var type = status >= 500 ? "server_error" : status == StatusCodes.Status429TooManyRequests ? "rate_limit_error" : "invalid_request_error";
        var body = new JsonObject { ["error"] = new JsonObject { ["message"] = message, ["type"] = type } };
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(body.ToJsonString(), context.RequestAborted).ConfigureAwait(false);
    }

    // About four characters per token, as tokenizers of English text average.
    private static int Tokens(string text) => (text.Length + 3) / 4;

    private static string? Text(JsonNode? node) => JsonKinds.IsString(node) ? node!.GetValue<string>() : null;
}
