using System.Text.Json.Nodes;
using LlmOperator.Evaluation.Client;

namespace LlmOperator.Evaluation.Assertions;

/// <summary>What an assertion judges: an answer, the functions it called, and how it was obtained.</summary>
/// <param name="Output">The answer as text (its tool calls as JSON when it has no text, as promptfoo gives them).</param>
/// <param name="Latency">How long the request took.</param>
/// <param name="Cost">What it cost, when known.</param>
/// <param name="ToolCalls">The functions the answer called.</param>
/// <param name="OfferedTools">The tools the request offered (OpenAI's tools list), or null when it offered none.</param>
internal sealed record AssertionInput(string Output, TimeSpan Latency, double? Cost, IReadOnlyList<ToolCall> ToolCalls, JsonArray? OfferedTools);
