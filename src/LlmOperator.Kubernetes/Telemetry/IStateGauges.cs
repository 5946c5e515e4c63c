namespace LlmOperator.Kubernetes.Telemetry;

/// <summary>
/// Gauges of the state of the objects an operator manages (each ModelDeployment's phase, for one), written into /metrics at
/// every scrape from what the controllers last observed, as kube-state-metrics does. They are not OpenTelemetry
/// instruments: the SDK keeps a point for every set of labels it has seen, for the life of the process, and past 2,000 per
/// instrument reports the rest as one overflow series. Gauges per object would be wrong in a fleet of thousands, and would
/// fill up as objects come, change phase and go; these report the objects there are, as they are now.
/// </summary>
public interface IStateGauges
{
    /// <summary>Writes the gauges' families and samples with <paramref name="writer"/>.</summary>
    void WriteTo(StateGaugeWriter writer);
}
