using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using LlmOperator.Api.Json;

namespace LlmOperator.Evaluation.Client;

/// <summary>
/// An error an engine or provider answered, in any of the shapes they send: OpenAI's and llama.cpp's
/// <c>{"error": {"message", "type", "code"}}</c>, TGI's <c>{"error": "...", "error_type": "..."}</c>, Ollama's
/// <c>{"error": "..."}</c>, vLLM's flat <c>{"object": "error", "message", "type", "code"}</c>, and inside TGI's chat streams
/// (2.4.1 on) <c>{"error": {"message", "http_status_code": 422}}</c>.
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
        "overloaded", "unavailable_error", "server_error", "rate_limit_exceeded", "rate_limit_error", "timeout",
        "incomplete_generation", "incomplete_generation_stream",
    };

    // TGI's words for a full queue and a backend that stopped mid-answer (router/src/infer/mod.rs, InferError): since 2.4.1
    // its chat streams carry only the message, with http_status_code 422 whatever the error, so the words are the only signal.
    private static readonly string[] TransientMessages = ["Model is overloaded", "Incomplete generation"];

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
            JsonObject error => FromObject(error),
            JsonValue value when Text(value) is { Length: > 0 } message => new(message, Text(root["error_type"]), null),
            null when Text(root["object"]) == "error" => FromObject(root),
            _ => null,
        };
    }

    /// <summary>
    /// The error an error event of a stream carries: llama.cpp's older <c>error: {"code", "message", "type"}</c> line, or the
    /// data of an <c>event: error</c>; its text when it is no known shape.
    /// </summary>
    public static ModelError FromErrorEvent(string data)
    {
        ArgumentNullException.ThrowIfNull(data);
        try
        {
            if (JsonNode.Parse(data) is JsonObject root && (FromJson(root) ?? FromObject(root)) is { } error)
            {
                return error;
            }
        }
        catch (JsonException)
        {
            // The event's text says what went wrong.
        }

        return Parse(data.Length == 0 ? "the stream carried an error event without a message" : data);
    }

    /// <summary>
    /// Whether asking again may succeed: 408, 429 and 5xx, and inside a stream a transient type (TGI's overloaded), TGI's
    /// overloaded message, or a code that is such a status; but never an exhausted quota, which OpenAI answers with 429 too.
    /// </summary>
    public bool IsRetryable(HttpStatusCode? status)
    {
        if (Code is "insufficient_quota" || Type is "insufficient_quota")
        {
            return false;
        }

        if (status is { } s)
        {
            return RetryPolicy.IsRetryable(s);
        }

        return (Type is not null && Transient.Contains(Type))
            || (Code is not null && Transient.Contains(Code))
            || TransientMessages.Any(m => Message.StartsWith(m, StringComparison.Ordinal))
            || (int.TryParse(Code, NumberStyles.None, CultureInfo.InvariantCulture, out var code)
                && code is >= 100 and <= 599 && RetryPolicy.IsRetryable((HttpStatusCode)code));
    }

    // {"message", "type", "code", "param"}, with TGI's http_status_code standing for the code; null without a message.
    private static ModelError? FromObject(JsonObject error) => Text(error["message"]) is { Length: > 0 } message
        ? new(message, Text(error["type"]), Text(error["code"]) ?? Text(error["http_status_code"]), Text(error["param"]))
        : null;

    private static string? Text(JsonNode? node) => node switch
    {
        null => null,
        _ when JsonKinds.IsString(node) => node.GetValue<string>(),
        JsonValue value => value.ToJsonString(),
        _ => null,
    };
}
