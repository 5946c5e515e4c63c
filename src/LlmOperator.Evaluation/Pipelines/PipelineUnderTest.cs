using LlmOperator.Api.V1Alpha1;
using LlmOperator.Evaluation.Running;

namespace LlmOperator.Evaluation.Pipelines;

/// <summary>A pipeline a run executes itself instead of calling an endpoint.</summary>
/// <param name="Name">The pipeline's name, as reports show it.</param>
/// <param name="Spec">Its spec.pipeline.</param>
/// <param name="Overrides">Endpoints that replace components by ModelDeployment name (a candidate under test, a local server).</param>
/// <param name="PromptVersions">Prompt versions to render instead of the highest (a prompt candidate under test), by prompt name.</param>
/// <param name="Inline">Pipelines among its components that the run executes too instead of calling them, by ModelDeployment name.</param>
public sealed record PipelineUnderTest(
    string Name,
    PipelineSpec Spec,
    IReadOnlyDictionary<string, ResolvedModel> Overrides,
    IReadOnlyDictionary<string, int> PromptVersions,
    IReadOnlyDictionary<string, PipelineSpec> Inline);
