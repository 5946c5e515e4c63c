using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using LlmOperator.Api.Json;
using LlmOperator.Api.V1Alpha1;

namespace LlmOperator.Evaluation.Client;

/// <summary>Reads an OpenAI chat completion answer: a JSON body, or a stream of server-sent events.</summary>
internal static class ChatCompletionReader
{
    /// <summary>The longest answer accepted, in characters.</summary>
    public const int MaxContentLength = 4 * 1024 * 1024;

    /// <summary>JSON written as engines write it, quotes and accents as they are, for arguments and outputs people read.</summary>
    internal static readonly JsonSerializerOptions Readable = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public sealed record Parsed(
        string Content,
        IReadOnlyList<ToolCall> ToolCalls,
        string? Model,
        string? FinishReason,
        TokenUsage Usage,
        long? FirstTokenTimestamp);

    /// <summary>Reads a non-streamed completion: the first choice's message, its text and its tool_calls.</summary>
    public static Parsed ReadJson(JsonNode? body, ModelPricing? pricing)
    {
        if (body is not JsonObject root || root["choices"] is not JsonArray { Count: > 0 } choices || choices[0] is not JsonObject choice)
        {
            throw new FormatException("the answer is not a chat completion: it has no choices");
        }

        var message = choice["message"] as JsonObject;
        var calls = message?["tool_calls"] is JsonArray list ? [.. list.Select(ReadToolCall)] : Array.Empty<ToolCall>();
        return new Parsed(Text(message?["content"]) ?? "", calls, Text(root["model"]), Text(choice["finish_reason"]), Usage(root["usage"], pricing), null);
    }

    /// <summary>
    /// Reads a stream of server-sent events up to "data: [DONE]", noting when the first content came and joining tool-call
    /// fragments. An error inside the stream, in any engine's shape (a data event holding an error, an "event: error", or
    /// llama.cpp's older "error:" line), throws <see cref="ModelErrorException"/>; a stream that ends with neither a
    /// finish_reason nor [DONE] (a server that stopped mid-answer, as Ollama does on an error after content) throws
    /// <see cref="EndOfStreamException"/>, so that a cut answer is never judged as if it were whole.
    /// </summary>
    public static async Task<Parsed> ReadStreamAsync(Stream stream, ModelPricing? pricing, TimeProvider time, CancellationToken cancellationToken)
    {
        using var reader = new StreamReader(stream, Encoding.UTF8);
        var content = new StringBuilder();
        var toolCalls = new StreamedToolCalls();
        string? model = null;
        string? finish = null;
        string? eventName = null;
        JsonNode? usage = null;
        long? firstToken = null;
        var done = false;
        while (!done && await reader.ReadLineAsync(cancellationToken).ConfigureAwait(false) is { } line)
        {
            var (field, value) = Field(line);
            switch (field)
            {
                case "":
                    eventName = null;
                    continue;
                case "event":
                    eventName = value;
                    continue;
                case "error":
                    throw new ModelErrorException(ModelError.FromErrorEvent(value));
                case "data" when value == "[DONE]":
                    done = true;
                    continue;
                case "data" when eventName == "error":
                    throw new ModelErrorException(ModelError.FromErrorEvent(value));
                case "data":
                    break;
                default:
                    continue;
            }

            var chunk = JsonNode.Parse(value);
            if (ModelError.FromJson(chunk) is { } error)
            {
                throw new ModelErrorException(error);
            }

            model ??= Text(chunk?["model"]);
            usage = chunk?["usage"] is JsonObject u ? u : usage;
            if (chunk?["choices"] is JsonArray { Count: > 0 } choices && choices[0] is JsonObject choice)
            {
                var delta = choice["delta"] as JsonObject;
                var piece = Text(delta?["content"]);
                if (!string.IsNullOrEmpty(piece))
                {
                    content.Append(piece);
                    if (content.Length > MaxContentLength)
                    {
                        throw new FormatException($"the answer is longer than {MaxContentLength} characters");
                    }
                }

                toolCalls.Add(delta?["tool_calls"]);
                if (!string.IsNullOrEmpty(piece) || toolCalls.Any)
                {
                    firstToken ??= time.GetTimestamp();
                }

                finish = Text(choice["finish_reason"]) ?? finish;
            }
        }

        if (!done && finish is null)
        {
            throw new EndOfStreamException("the stream ended before the answer did: it sent no finish_reason and no [DONE]");
        }

        var (calls, text) = toolCalls.Complete();
        return new Parsed(content.Append(text).ToString(), calls, model, finish, Usage(usage, pricing), firstToken);
    }

    /// <summary>Reads an embeddings answer's first vector.</summary>
    public static float[] ReadEmbedding(JsonNode? body)
    {
        if (body?["data"] is not JsonArray { Count: > 0 } data || data[0]?["embedding"] is not JsonArray vector || vector.Count == 0)
        {
            throw new FormatException("the answer is not an embedding: it has no data[0].embedding");
        }

        return [.. vector.Select(v => JsonKinds.IsNumber(v)
            ? (float)JsonKinds.ToDouble(v!)
            : throw new FormatException("an embedding holds a value that is not a number"))];
    }

    /// <summary>The ids of a /models answer.</summary>
    public static IReadOnlyList<string> ReadModelIds(JsonNode? body) =>
        body?["data"] is JsonArray data ? [.. data.Select(m => Text(m?["id"])).OfType<string>()] : [];

    private static TokenUsage Usage(JsonNode? usage, ModelPricing? pricing)
    {
        long? prompt = Integer(usage?["prompt_tokens"]);
        long? completion = Integer(usage?["completion_tokens"]);
        double? cost = usage?["cost"] is { } reported && JsonKinds.IsNumber(reported) ? JsonKinds.ToDouble(reported) : null;
        if (cost is null && pricing is not null && prompt is { } p && completion is { } c)
        {
            cost = ((p * pricing.InputPerMillionTokens) + (c * pricing.OutputPerMillionTokens)) / 1_000_000;
        }

        return new TokenUsage(prompt, completion, cost);
    }

    // {"id", "type": "function", "function": {"name", "arguments"}}; arguments are a JSON string, or an object (TGI before 3.2).
    private static ToolCall ReadToolCall(JsonNode? call)
    {
        var function = call?["function"] as JsonObject;
        var name = Text(function?["name"]);
        if (string.IsNullOrEmpty(name))
        {
            throw new FormatException("the answer holds a tool call without a function name");
        }

        var arguments = function!["arguments"] switch
        {
            null => "{}",
            JsonValue value when JsonKinds.IsString(value) => value.GetValue<string>(),
            var other => other.ToJsonString(Readable),
        };
        return new ToolCall(Text(call?["id"]), name, arguments);
    }

    // One line of a server-sent event stream as (field, value): "data: x" gives (data, x), a comment (":...") gives (":", ""),
    // and a blank line, which ends an event, gives ("", "").
    private static (string Field, string Value) Field(string line)
    {
        if (line.Length == 0 || line[0] == ':')
        {
            return (line.Length == 0 ? "" : ":", "");
        }

        var colon = line.IndexOf(':', StringComparison.Ordinal);
        return colon < 0 ? (line, "") : (line[..colon], line[(colon + 1)..].Trim());
    }

    private static long? Integer(JsonNode? node) => JsonKinds.TryGetInteger(node, out var value) ? value : null;

    /// <summary>A string value as it is, another scalar as its JSON text, anything else null.</summary>
    internal static string? Text(JsonNode? node) => node switch
    {
        null => null,
        _ when JsonKinds.IsString(node) => node.GetValue<string>(),
        JsonValue value => value.ToJsonString(),
        _ => null,
    };
}
