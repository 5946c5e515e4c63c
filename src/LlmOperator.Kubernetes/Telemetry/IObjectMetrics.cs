namespace LlmOperator.Kubernetes.Telemetry;

/// <summary>
/// Metrics of each object an operator manages (a ModelDeployment's phase, the decisions taken about it), written into
/// /metrics at every scrape from what the controllers last observed, as kube-state-metrics does. They are not OpenTelemetry
/// instruments: the SDK keeps a point for every set of labels it has seen, for the life of the process, and past 2,000 per
/// instrument reports the rest as one overflow series. Series per object would be wrong in a fleet of thousands, and would
/// fill up as objects come, change phase and go; these report the objects there are, and a deleted one is gone at the next
/// scrape.
/// </summary>
public interface IObjectMetrics
{
    /// <summary>Writes the metric families and their samples with <paramref name="writer"/>.</summary>
    void WriteTo(PrometheusTextWriter writer);
}
