using System.Text.Json.Nodes;
using LlmOperator.Templates;

namespace LlmOperator.Evaluation.Live;

/// <summary>One request of the load: a case's prompt as rendered for the candidate, and its variables.</summary>
/// <param name="Prompt">The rendered prompt.</param>
/// <param name="Vars">The case's variables.</param>
public sealed record LoadCase(RenderedPrompt Prompt, JsonObject? Vars);
