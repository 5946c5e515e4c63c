namespace LlmOperator.Pipelines.Execution;

/// <summary>A request the pipeline could not answer: the message names the step and why.</summary>
public sealed class PipelineExecutionException(string message, Exception? inner = null) : Exception(message, inner)
{
    /// <summary>The steps that had finished before the failure.</summary>
    public IReadOnlyList<StepTrace> Steps { get; init; } = [];
}
