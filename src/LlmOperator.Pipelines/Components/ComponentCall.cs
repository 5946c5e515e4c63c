using System.Text.Json.Nodes;
using LlmOperator.Templates;

namespace LlmOperator.Pipelines.Components;

/// <summary>One request to a component.</summary>
/// <param name="ModelRef">The ModelDeployment to call.</param>
/// <param name="Messages">The chat messages.</param>
/// <param name="Parameters">OpenAI request fields (temperature, max_tokens, ...), or null for none.</param>
public sealed record ComponentCall(string ModelRef, IReadOnlyList<ChatMessage> Messages, JsonObject? Parameters);
