using LlmOperator.Templates;

namespace LlmOperator.Evaluation.Running;

/// <summary>What a run sends the cases to, and the prompt that renders them there.</summary>
/// <param name="Role">candidate or baseline.</param>
/// <param name="Target">The model endpoint or pipeline that answers.</param>
/// <param name="Prompt">The prompt version that renders cases with vars, or null when the gate has none.</param>
/// <param name="Description">How the endpoint is named in the comparison, for example the stable revision.</param>
public sealed record EndpointPlan(string Role, ICaseTarget Target, PromptTemplate? Prompt, string? Description = null);
