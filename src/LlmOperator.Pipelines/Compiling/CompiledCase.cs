namespace LlmOperator.Pipelines.Compiling;

/// <summary>A switch case: when its rule holds (or it has none), its call runs or its respond is the answer.</summary>
/// <param name="When">The rule, or null for the case that always holds.</param>
/// <param name="Call">The call, when the case makes one.</param>
/// <param name="Respond">The literal answer, when the case gives one.</param>
public sealed record CompiledCase(CelCondition? When, CompiledCall? Call, string? Respond);
