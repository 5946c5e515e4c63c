namespace LlmOperator.Pipelines.Execution;

/// <summary>A pipeline's answer and how each step got there.</summary>
/// <param name="Output">The answer.</param>
/// <param name="Steps">Each step that ran, in order.</param>
public sealed record PipelineResult(string Output, IReadOnlyList<StepTrace> Steps);
