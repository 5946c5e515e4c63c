using LlmOperator.Evaluation.Client;
using LlmOperator.Templates;

namespace LlmOperator.Evaluation.Running;

/// <summary>An endpoint a run sends the cases to, and the prompt that renders them there.</summary>
/// <param name="Role">candidate or baseline.</param>
/// <param name="Client">The endpoint's client.</param>
/// <param name="Prompt">The prompt version that renders cases with vars, or null when the gate has none.</param>
/// <param name="Description">How the endpoint is named in the comparison, for example the stable revision.</param>
public sealed record EndpointPlan(string Role, OpenAiClient Client, PromptTemplate? Prompt, string? Description = null);
