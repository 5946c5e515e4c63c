using LlmOperator.Api.V1Alpha1;

namespace LlmOperator.Pipelines.Compiling;

/// <summary>What a step does: exactly one of call, switch or ensemble.</summary>
public abstract record StepAction;

/// <summary>Calls one ModelDeployment, with fallbacks.</summary>
/// <param name="Call">The call.</param>
public sealed record CallAction(CompiledCall Call) : StepAction;

/// <summary>Runs the first case whose rule holds.</summary>
/// <param name="Cases">The cases, in order.</param>
public sealed record SwitchAction(IReadOnlyList<CompiledCase> Cases) : StepAction;

/// <summary>Runs calls at once and combines their answers.</summary>
/// <param name="Calls">The calls.</param>
/// <param name="Combine">How the answers become one.</param>
/// <param name="Judge">With combine judge, the call that picks.</param>
public sealed record EnsembleAction(IReadOnlyList<CompiledCall> Calls, EnsembleCombine Combine, CompiledCall? Judge) : StepAction;
