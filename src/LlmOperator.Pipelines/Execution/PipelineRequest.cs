using System.Text.Json.Nodes;
using LlmOperator.Templates;

namespace LlmOperator.Pipelines.Execution;

/// <summary>What a pipeline answers: a conversation and the caller's variables.</summary>
/// <param name="Messages">The chat messages; the last user message is the input.</param>
/// <param name="Vars">Variables (an evaluation case's vars, a request's metadata), or null.</param>
public sealed record PipelineRequest(IReadOnlyList<ChatMessage> Messages, JsonObject? Vars = null)
{
    /// <summary>The last user message, the pipeline's input; empty when there is none.</summary>
    public string Input => Messages.LastOrDefault(m => m.Role == "user")?.Content ?? "";
}
