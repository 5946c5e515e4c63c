using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using LlmOperator.Api.V1Alpha1;
using LlmOperator.Controllers.Common;
using LlmOperator.Kubernetes.Telemetry;

namespace LlmOperator.Controllers.ModelDeployments;

/// <summary>
/// The rollout metrics. Every rollout decision by reason (a rollback is reason RolloutAborted, drift EvaluationsDrifted, a
/// fallback taking over ServingFallback) is counted on the controllers' meter (<see cref="ControllerMeter"/>). Each
/// ModelDeployment's phase, canary weight, fallback and pass rates are state gauges (<see cref="IStateGauges"/>), written
/// at each scrape from the status last written for it: a fleet of 10,000 is 10,000 series of each (the phase is one series
/// labelled with the current phase), and a deleted ModelDeployment is gone at the next scrape.
/// </summary>
internal sealed class RolloutMetrics : IStateGauges
{
    private readonly ConcurrentDictionary<(string Namespace, string Name), RolloutGauges> _status = new();
    private readonly Counter<long> _decisions;

    /// <summary>Creates the decision counter.</summary>
    public RolloutMetrics(IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        var meter = meterFactory.Create(ControllerMeter.Name);
        _decisions = meter.CreateCounter<long>(
            "llmop.rollout.decisions",
            "{decision}",
            "Rollout decisions by reason (RolloutStarted, RolloutPromoted, RolloutAborted, EvaluationsDrifted, ...).");
    }

    /// <summary>Counts a decision about a ModelDeployment.</summary>
    public void Decision(string ns, string name, string reason) =>
        _decisions.Add(1, new("k8s.namespace.name", ns), new("llmop.model", name), new("reason", reason));

    /// <summary>Remembers the status last written for a ModelDeployment.</summary>
    public void Observe(string ns, string name, ModelDeploymentStatus status) => _status[(ns, name)] = RolloutGauges.Of(status);

    /// <summary>Forgets a ModelDeployment that no longer exists.</summary>
    public void Forget(string ns, string name) => _status.TryRemove((ns, name), out _);

    /// <inheritdoc />
    public void WriteTo(StateGaugeWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        var phases = writer.Gauge("llmop_rollout_phase", "1 for the phase each ModelDeployment is in: one series each, labelled with its phase.");
        foreach (var ((ns, name), gauges) in _status)
        {
            if (gauges.Phase is { } phase)
            {
                phases.Sample(1, Namespace(ns), Model(name), ("phase", phase.ToString()));
            }
        }

        var weights = writer.Gauge("llmop_rollout_canary_weight_percent", "The share of traffic on each ModelDeployment's canary.");
        foreach (var ((ns, name), gauges) in _status)
        {
            weights.Sample(gauges.CanaryWeight, Namespace(ns), Model(name));
        }

        var fallbacks = writer.Gauge(
            "llmop_rollout_serving_fallback", "1 while a drifted ModelDeployment serves its fallback (named by llmop_fallback), else 0.");
        foreach (var ((ns, name), gauges) in _status)
        {
            fallbacks.Sample(gauges.Fallback is null ? 0 : 1, Namespace(ns), Model(name), ("llmop_fallback", gauges.Fallback));
        }

        var rates = writer.Gauge(
            "llmop_evaluation_pass_rate",
            "The pass rate of each ModelDeployment's current evaluation and of the latest scheduled one of each gate, by run, gate and kind of run.");
        foreach (var ((ns, name), gauges) in _status)
        {
            foreach (var rate in gauges.PassRates)
            {
                rates.Sample(
                    rate.Rate,
                    Namespace(ns), Model(name),
                    ("llmop_evaluation_run", rate.Run),
                    ("llmop_evaluation_gate", rate.Gate),
                    ("llmop_evaluation_kind", rate.Kind));
            }
        }
    }

    private static (string, string?) Namespace(string ns) => ("k8s_namespace_name", ns);

    private static (string, string?) Model(string name) => ("llmop_model", name);
}
