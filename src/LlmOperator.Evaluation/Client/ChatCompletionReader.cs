using System.Text;
using System.Text.Json.Nodes;
using LlmOperator.Api.Json;
using LlmOperator.Api.V1Alpha1;

namespace LlmOperator.Evaluation.Client;

/// <summary>Reads an OpenAI chat completion answer: a JSON body, or a stream of server-sent events.</summary>
internal static class ChatCompletionReader
{
    /// <summary>The longest answer accepted, in characters.</summary>
    public const int MaxContentLength = 4 * 1024 * 1024;

    public sealed record Parsed(string Content, string? Model, string? FinishReason, TokenUsage Usage, long? FirstTokenTimestamp);

    /// <summary>Reads a non-streamed completion.</summary>
    public static Parsed ReadJson(JsonNode? body, ModelPricing? pricing)
    {
        if (body is not JsonObject root || root["choices"] is not JsonArray { Count: > 0 } choices)
        {
            throw new FormatException("the answer is not a chat completion: it has no choices");
        }

        var choice = choices[0];
        var content = Text(choice?["message"]?["content"]) ?? "";
        return new Parsed(content, Text(root["model"]), Text(choice?["finish_reason"]), Usage(root["usage"], pricing), null);
    }

    /// <summary>Reads a stream of "data: {...}" events up to "data: [DONE]", noting when the first content came.</summary>
    public static async Task<Parsed> ReadStreamAsync(Stream stream, ModelPricing? pricing, TimeProvider time, CancellationToken cancellationToken)
    {
        using var reader = new StreamReader(stream, Encoding.UTF8);
        var content = new StringBuilder();
        string? model = null;
        string? finish = null;
        JsonNode? usage = null;
        long? firstToken = null;
        while (await reader.ReadLineAsync(cancellationToken).ConfigureAwait(false) is { } line)
        {
            if (!line.StartsWith("data:", StringComparison.Ordinal))
            {
                continue;
            }

            var data = line.AsSpan(5).Trim();
            if (data.SequenceEqual("[DONE]"))
            {
                break;
            }

            var chunk = JsonNode.Parse(data.ToString());
            if (ModelError.FromJson(chunk) is { } error)
            {
                throw new ModelErrorException(error);
            }

            model ??= Text(chunk?["model"]);
            usage = chunk?["usage"] is JsonObject u ? u : usage;
            if (chunk?["choices"] is JsonArray { Count: > 0 } choices)
            {
                var piece = Text(choices[0]?["delta"]?["content"]);
                if (!string.IsNullOrEmpty(piece))
                {
                    firstToken ??= time.GetTimestamp();
                    content.Append(piece);
                    if (content.Length > MaxContentLength)
                    {
                        throw new FormatException($"the answer is longer than {MaxContentLength} characters");
                    }
                }

                finish = Text(choices[0]?["finish_reason"]) ?? finish;
            }
        }

        return new Parsed(content.ToString(), model, finish, Usage(usage, pricing), firstToken);
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

    private static long? Integer(JsonNode? node) => JsonKinds.TryGetInteger(node, out var value) ? value : null;

    private static string? Text(JsonNode? node) => node switch
    {
        null => null,
        _ when JsonKinds.IsString(node) => node.GetValue<string>(),
        JsonValue value => value.ToJsonString(),
        _ => null,
    };
}
