using System.Text.Json.Nodes;

namespace LlmOperator.Pipelines.Compiling;

/// <summary>A pipeline whose rules and templates compiled and whose steps read only earlier steps.</summary>
/// <param name="Steps">The steps, in order.</param>
/// <param name="Output">The output template, or null for the last step's answer.</param>
/// <param name="Timeout">How long one request may take, if bounded.</param>
/// <param name="References">The ModelDeployments and prompts it names.</param>
public sealed record CompiledPipeline(IReadOnlyList<CompiledStep> Steps, Func<JsonObject?, string>? Output, TimeSpan? Timeout, PipelineReferences References)
{
    /// <summary>Every ModelDeployment the pipeline may call, fallbacks and judges included, sorted.</summary>
    public IReadOnlyList<string> ModelRefs => References.ModelRefs;

    /// <summary>Every prompt the pipeline renders, sorted.</summary>
    public IReadOnlyList<string> PromptNames => References.PromptNames;
}
