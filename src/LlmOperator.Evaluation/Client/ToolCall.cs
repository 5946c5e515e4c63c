using System.Text.Json.Nodes;

namespace LlmOperator.Evaluation.Client;

/// <summary>A function call a model answered with instead of, or beside, text.</summary>
/// <param name="Id">The call's id, when the engine gave one (TGI before 3.2 gives none when streaming).</param>
/// <param name="Name">The function called.</param>
/// <param name="Arguments">The arguments as JSON text, as OpenAI sends them (engines that send an object have it serialised).</param>
public sealed record ToolCall(string? Id, string Name, string Arguments)
{
    /// <summary>The call in OpenAI's shape, {id, type: function, function: {name, arguments}}, as reports and text assertions see it.</summary>
    public JsonObject ToJson() => new()
    {
        ["id"] = Id,
        ["type"] = "function",
        ["function"] = new JsonObject { ["name"] = Name, ["arguments"] = Arguments },
    };
}
