using LlmOperator.Api.V1Alpha1;

namespace LlmOperator.Evaluation.Live;

/// <summary>What the live half of a run found: each metric's result, and the load sent meanwhile.</summary>
/// <param name="Metrics">The metrics' results, in the gate's order.</param>
/// <param name="Load">The load, or null when the gate sends none.</param>
public sealed record LiveResults(IReadOnlyList<MetricResult> Metrics, LoadSummary? Load);
