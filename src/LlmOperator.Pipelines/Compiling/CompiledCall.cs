namespace LlmOperator.Pipelines.Compiling;

/// <summary>A call with its fallbacks: the targets are tried in order until one answers and unless does not hold.</summary>
/// <param name="Targets">The call itself, then its fallbacks.</param>
/// <param name="Vars">The call's variables, each a compiled Liquid template.</param>
/// <param name="Unless">The rule that refuses an answer, if any.</param>
/// <param name="Timeout">How long one attempt may take, if bounded.</param>
/// <param name="Path">Where the call is written.</param>
public sealed record CompiledCall(
    IReadOnlyList<CompiledTarget> Targets,
    IReadOnlyList<CompiledVariable> Vars,
    CelCondition? Unless,
    TimeSpan? Timeout,
    string Path);
