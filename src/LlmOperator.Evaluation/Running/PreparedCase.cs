using LlmOperator.Api.V1Alpha1;
using LlmOperator.Evaluation.Assertions;
using LlmOperator.Templates;

namespace LlmOperator.Evaluation.Running;

/// <summary>A case ready to run: its assertions compiled, its prompt rendered for each endpoint, or why it cannot run.</summary>
/// <param name="Case">The case as written.</param>
/// <param name="Assertions">The gate's default assertions, then the case's own.</param>
/// <param name="Prompts">The rendered prompt per endpoint, in the plan's endpoint order; null where it did not render.</param>
/// <param name="Errors">Why the case cannot run on each endpoint, or null where it can.</param>
internal sealed record PreparedCase(
    EvaluationCase Case,
    IReadOnlyList<CompiledAssertion> Assertions,
    IReadOnlyList<RenderedPrompt?> Prompts,
    IReadOnlyList<string?> Errors);
