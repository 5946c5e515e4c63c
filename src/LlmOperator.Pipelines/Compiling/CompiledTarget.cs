using System.Text.Json.Nodes;
using LlmOperator.Templates;

namespace LlmOperator.Pipelines.Compiling;

/// <summary>
/// One ModelDeployment a call may ask, and how its messages are made: a prompt's active version, inline
/// messages, or else what the call before it sent (for a fallback) or the request's own messages.
/// </summary>
/// <param name="ModelRef">The ModelDeployment.</param>
/// <param name="PromptName">The prompt whose active version renders the messages, if any.</param>
/// <param name="Messages">Inline messages, if any.</param>
/// <param name="Parameters">Request fields over the prompt's own, if any.</param>
/// <param name="Path">Where it is written, for example spec.pipeline.steps[0].call.fallback[1].</param>
public sealed record CompiledTarget(string ModelRef, string? PromptName, PromptTemplate? Messages, JsonObject? Parameters, string Path);
