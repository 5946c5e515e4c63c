using System.Text.Json;
using System.Text.Json.Nodes;
using LlmOperator.Api.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace LlmOperator.Evaluation.MockLlm;

/// <summary>
/// vLLM's runtime LoRA endpoints on mock-llm, with vLLM's requests, answers and errors
/// (https://docs.vllm.ai/en/latest/features/lora/#dynamically-serving-lora-adapters): POST /v1/load_lora_adapter
/// {lora_name, lora_path, load_inplace?} and POST /v1/unload_lora_adapter {lora_name} answer 200 with a line of text, or
/// vLLM's error object; without runtime updating (VLLM_ALLOW_RUNTIME_LORA_UPDATING) they are not there, and
/// answer FastAPI's 404 {"detail": "Not Found"}.
/// </summary>
internal static class MockAdapterEndpoints
{
    /// <summary>Maps the load and unload endpoints.</summary>
    public static IEndpointRouteBuilder MapMockAdapters(this IEndpointRouteBuilder routes)
    {
        ArgumentNullException.ThrowIfNull(routes);
        routes.MapPost("/v1/load_lora_adapter", LoadAsync);
        routes.MapPost("/v1/unload_lora_adapter", UnloadAsync);
        return routes;
    }

    /// <summary>vLLM's answer to a request for a model it does not serve: 404 NotFoundError.</summary>
    public static Task UnknownModelAsync(HttpContext context, string? model) =>
        ErrorAsync(context, StatusCodes.Status404NotFound, "NotFoundError", $"The model `{model}` does not exist.");

    private static async Task LoadAsync(HttpContext context)
    {
        if (await RequestAsync(context) is not { } request)
        {
            return;
        }

        var (name, path) = (Text(request["lora_name"]), Text(request["lora_path"]));
        if (string.IsNullOrEmpty(name) || string.IsNullOrEmpty(path))
        {
            await ErrorAsync(context, StatusCodes.Status400BadRequest, "InvalidUserInput", "Both 'lora_name' and 'lora_path' must be provided.")
                .ConfigureAwait(false);
            return;
        }

        // load_inplace (later vLLM versions) replaces what is loaded under the name, so that it never stops answering.
        // vLLM's answer for a local directory that holds no adapter (serving_models.py).
        if (!MockModels.Found(path))
        {
            await ErrorAsync(context, StatusCodes.Status404NotFound, "NotFoundError", $"Loading lora {name} failed: No adapter found for {path}")
                .ConfigureAwait(false);
            return;
        }

        var inPlace = request["load_inplace"] is JsonValue flag && flag.TryGetValue<bool>(out var replace) && replace;
        var models = context.RequestServices.GetRequiredService<MockModels>();
        if (name == models.Base || !models.Load(name, path, inPlace))
        {
            await ErrorAsync(context, StatusCodes.Status400BadRequest, "InvalidUserInput", $"The lora adapter '{name}' has already been loaded.")
                .ConfigureAwait(false);
            return;
        }

        await context.Response.WriteAsync($"Success: LoRA adapter '{name}' added successfully.", context.RequestAborted).ConfigureAwait(false);
    }

    private static async Task UnloadAsync(HttpContext context)
    {
        if (await RequestAsync(context) is not { } request)
        {
            return;
        }

        var name = Text(request["lora_name"]);
        if (string.IsNullOrEmpty(name))
        {
            await ErrorAsync(context, StatusCodes.Status400BadRequest, "InvalidUserInput", "either 'lora_name' and 'lora_int_id' needs to be provided.")
                .ConfigureAwait(false);
            return;
        }

        if (!context.RequestServices.GetRequiredService<MockModels>().Unload(name))
        {
            await ErrorAsync(context, StatusCodes.Status404NotFound, "NotFoundError", $"The lora adapter '{name}' cannot be found.").ConfigureAwait(false);
            return;
        }

        await context.Response.WriteAsync($"Success: LoRA adapter '{name}' removed successfully.", context.RequestAborted).ConfigureAwait(false);
    }

    // The request's JSON object, once runtime updating is known to be on; otherwise the answer is written and null returned.
    private static async Task<JsonObject?> RequestAsync(HttpContext context)
    {
        if (context.RequestServices.GetRequiredService<IOptions<MockLlmOptions>>().Value.Lora is not { RuntimeUpdating: true })
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            await context.Response.WriteAsJsonAsync(new JsonObject { ["detail"] = "Not Found" }, context.RequestAborted).ConfigureAwait(false);
            return null;
        }

        try
        {
            if (await JsonNode.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted).ConfigureAwait(false) is JsonObject request)
            {
                return request;
            }
        }
        catch (JsonException)
        {
            // Answered below, as any body that is not an object.
        }

        await ErrorAsync(context, StatusCodes.Status400BadRequest, "BadRequestError", "The request body must be a JSON object.").ConfigureAwait(false);
        return null;
    }

    // vLLM's ErrorResponse: {"object": "error", "message", "type", "param", "code"}.
    private static async Task ErrorAsync(HttpContext context, int status, string type, string message)
    {
        context.Response.StatusCode = status;
        var body = new JsonObject { ["object"] = "error", ["message"] = message, ["type"] = type, ["param"] = null, ["code"] = status };
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(body.ToJsonString(), context.RequestAborted).ConfigureAwait(false);
    }

    private static string? Text(JsonNode? node) => JsonKinds.IsString(node) ? node!.GetValue<string>() : null;
}
