using System.Text.Json.Nodes;

namespace LlmOperator.Evaluation.Client;

/// <summary>The answer of a chat completion and how it was obtained.</summary>
/// <param name="Content">The answer's text.</param>
/// <param name="ToolCalls">The functions the answer calls, in the order the engine numbered them; empty for a text answer.</param>
/// <param name="Model">The model the server says answered.</param>
/// <param name="FinishReason">Why generation stopped, for example stop, length or tool_calls.</param>
/// <param name="Usage">Tokens and cost.</param>
/// <param name="Latency">From sending the successful request to the end of its answer.</param>
/// <param name="TimeToFirstToken">From sending the request to the first content, when streamed.</param>
/// <param name="Attempts">Requests sent, 1 plus retries.</param>
public sealed record ChatCompletion(
    string Content,
    IReadOnlyList<ToolCall> ToolCalls,
    string? Model,
    string? FinishReason,
    TokenUsage Usage,
    TimeSpan Latency,
    TimeSpan? TimeToFirstToken,
    int Attempts)
{
    /// <summary>
    /// The answer as assertions and reports see it, as promptfoo gives it: the text; or, when the model called functions,
    /// OpenAI's tool_calls array as JSON, wrapped as {content, tool_calls} when there is text as well.
    /// </summary>
    public string Output => ToolCalls.Count == 0
        ? Content
        : Content.Length == 0
            ? Calls().ToJsonString(ChatCompletionReader.Readable)
            : new JsonObject { ["content"] = Content, ["tool_calls"] = Calls() }.ToJsonString(ChatCompletionReader.Readable);

    private JsonArray Calls() => new([.. ToolCalls.Select(call => (JsonNode)call.ToJson())]);
}
