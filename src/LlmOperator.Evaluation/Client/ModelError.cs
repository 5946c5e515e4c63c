using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using LlmOperator.Api.Json;

namespace LlmOperator.Evaluation.Client;

/// <summary>
/// An error an engine or provider answered, in any of the shapes they send: OpenAI's and llama.cpp's
/// <c>{"error": {"message", "type", "code"}}</c>, TGI's <c>{"error": "...", "error_type": "..."}</c>, Ollama's
/// <c>{"error": "..."}</c>, and vLLM's flat <c>{"object": "error", "message", "type", "code"}</c>.
/// </summary>
/// <param name="Message">What went wrong, in the engine's words.</param>
/// <param name="Type">The engine's error type (OpenAI type, TGI error_type), if it gave one.</param>
/// <param name="Code">The engine's error code (insufficient_quota, rate_limit_exceeded, 503), if it gave one.</param>
/// <param name="Param">The request parameter the error is about (OpenAI's param), if it named one.</param>
public sealed record ModelError(string Message, string? Type, string? Code, string? Param = null)
{
    // Types and codes that say "try again later" even without an HTTP status (errors inside a stream).
    private static readonly HashSet<string> Transient = new(StringComparer.OrdinalIgnoreCase)
    {
        "overloaded", "unavailable_error", "server_error", "rate_limit_exceeded", "rate_limit_error", "timeout", "503", "429",
    };

    /// <summary>Reads an error body; a body that is no known shape gives its start as the message.</summary>
    public static ModelError Parse(string body)
    {
        ArgumentNullException.ThrowIfNull(body);
        try
        {
            if (FromJson(JsonNode.Parse(body)) is { } error)
            {
                return error;
            }
        }
        catch (JsonException)
        {
            // Not JSON: the body itself says what went wrong.
        }

        var text = body.Trim();
        return new ModelError(text.Length <= 200 ? text : text[..200] + "...", null, null);
    }

    /// <summary>The error an answer or a stream event carries, or null when it carries none.</summary>
    public static ModelError? FromJson(JsonNode? node)
    {
        if (node is not JsonObject root)
        {
            return null;
        }

        return root["error"] switch
        {
            JsonObject error when Text(error["message"]) is { Length: > 0 } message =>
                new(message, Text(error["type"]), Text(error["code"]), Text(error["param"])),
            JsonValue value when Text(value) is { Length: > 0 } message => new(message, Text(root["error_type"]), null),
            null when Text(root["object"]) == "error" && Text(root["message"]) is { Length: > 0 } message =>
                new(message, Text(root["type"]), Text(root["code"]), Text(root["param"])),
            _ => null,
        };
    }

    /// <summary>
    /// Whether asking again may succeed: 408, 429 and 5xx, and transient types inside a stream, but never an
    /// exhausted quota, which OpenAI answers with 429 too.
    /// </summary>
    public bool IsRetryable(HttpStatusCode? status)
    {
        if (Code is "insufficient_quota" || Type is "insufficient_quota")
        {
            return false;
        }

        return status is { } s ? RetryPolicy.IsRetryable(s) : (Type is not null && Transient.Contains(Type)) || (Code is not null && Transient.Contains(Code));
    }

    private static string? Text(JsonNode? node) => node switch
    {
        null => null,
        _ when JsonKinds.IsString(node) => node.GetValue<string>(),
        JsonValue value => value.ToJsonString(),
        _ => null,
    };
}
