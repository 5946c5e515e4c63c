namespace LlmOperator.Pipelines.Compiling;

/// <summary>A pipeline that cannot run as written: each error names the path of what is wrong.</summary>
public sealed class PipelineDefinitionException(IReadOnlyList<string> errors)
    : Exception(string.Join("; ", errors))
{
    /// <summary>Every problem found, each starting with its path (for example spec.pipeline.steps[1].switch[0].when).</summary>
    public IReadOnlyList<string> Errors { get; } = errors;
}
