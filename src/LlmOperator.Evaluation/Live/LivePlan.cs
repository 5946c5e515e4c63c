using LlmOperator.Evaluation.Live.Prometheus;

namespace LlmOperator.Evaluation.Live;

/// <summary>The live half of a run: the gate's metrics to measure and the load to send meanwhile.</summary>
/// <param name="Prometheus">The client the metrics are queried with.</param>
/// <param name="Metrics">The metrics, in the gate's order.</param>
/// <param name="Load">The load, or null for none.</param>
public sealed record LivePlan(PrometheusClient Prometheus, IReadOnlyList<CompiledMetric> Metrics, LoadTarget? Load);
