namespace LlmOperator.Pipelines.Compiling;

/// <summary>A step ready to run.</summary>
/// <param name="Name">Its name; later steps read its answer as steps.NAME.output.</param>
/// <param name="Action">What it does.</param>
/// <param name="Path">Where it is written, for example spec.pipeline.steps[2].</param>
public sealed record CompiledStep(string Name, StepAction Action, string Path);
