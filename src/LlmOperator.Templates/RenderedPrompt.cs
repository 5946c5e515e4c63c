using System.Text.Json.Nodes;

namespace LlmOperator.Templates;

/// <summary>The messages and request parameters of one case, ready to send.</summary>
/// <param name="Messages">The chat messages.</param>
/// <param name="Parameters">OpenAI request fields (temperature, max_tokens, ...), or null for none.</param>
public sealed record RenderedPrompt(IReadOnlyList<ChatMessage> Messages, JsonObject? Parameters);
