using System.Text.Json;
using System.Text.Json.Nodes;
using LlmOperator.Api.Json;
using LlmOperator.Pipelines.Execution;
using LlmOperator.Templates;

namespace LlmOperator.Evaluation.Router;

/// <summary>
/// Reads an OpenAI chat completion request as a pipeline request: its messages (text content, or the
/// text parts of a content list), whether to stream, and its metadata as the pipeline's vars.
/// </summary>
internal static class ChatRequestReader
{
    /// <summary>The request, or why it cannot be served (a 400).</summary>
    public static (PipelineRequest? Request, bool Stream, string? Error) Read(string body)
    {
        JsonObject? root;
        try
        {
            root = JsonNode.Parse(body) as JsonObject;
        }
        catch (JsonException e)
        {
            return (null, false, $"the body is not JSON: {e.Message}");
        }

        if (root?["messages"] is not JsonArray { Count: > 0 } list)
        {
            return (null, false, "messages must be a non-empty list");
        }

        var messages = new List<ChatMessage>(list.Count);
        foreach (var (item, i) in list.Select((m, i) => (m as JsonObject, i)))
        {
            var role = item?["role"] is { } r && JsonKinds.IsString(r) ? r.GetValue<string>() : null;
            if (role is null || Text(item!["content"]) is not { } content)
            {
                return (null, false, $"messages[{i}] needs a role and text content");
            }

            messages.Add(new ChatMessage(role, content));
        }

        if (!messages.Any(m => m.Role == "user"))
        {
            return (null, false, "messages must hold a user message: it is the pipeline's input");
        }

        var stream = root["stream"] is { } s && JsonKinds.IsBoolean(s) && s.GetValue<bool>();
        var vars = root["metadata"] as JsonObject;
        return (new PipelineRequest(messages, (JsonObject?)vars?.DeepClone()), stream, null);
    }

    private static string? Text(JsonNode? content) => content switch
    {
        JsonValue when JsonKinds.IsString(content) => content.GetValue<string>(),
        JsonArray parts => string.Concat(parts.OfType<JsonObject>()
            .Where(p => p["type"]?.ToString() == "text" && p["text"] is { } t && JsonKinds.IsString(t))
            .Select(p => p["text"]!.GetValue<string>())),
        _ => null,
    };
}
