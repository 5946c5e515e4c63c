using System.Collections.Concurrent;
using LlmOperator.Api.V1Alpha1;
using LlmOperator.Kubernetes.Telemetry;

namespace LlmOperator.Controllers.ModelDeployments;

/// <summary>
/// The metrics of each ModelDeployment, written at each scrape (<see cref="IObjectMetrics"/>): the rollout decisions taken
/// about it by reason (a rollback is reason RolloutAborted, drift EvaluationsDrifted, a fallback taking over
/// ServingFallback), and from the status last written for it its phase, canary weight, fallback and pass rates. A fleet
/// of 10,000 is 10,000 series of each gauge (the phase is one series, labelled with the current phase), and a deleted
/// ModelDeployment is gone at the next scrape, its decisions with it.
/// </summary>
internal sealed class RolloutMetrics : IObjectMetrics
{
    private readonly ConcurrentDictionary<(string Namespace, string Name), RolloutGauges> _status = new();
    private readonly ConcurrentDictionary<(string Namespace, string Name), KeyValuePair<string, long>[]> _decisions = new();

    /// <summary>Counts a decision about a ModelDeployment.</summary>
    public void Decision(string ns, string name, string reason) =>
        _decisions.AddOrUpdate((ns, name), static (_, reason) => [new(reason, 1)], static (_, counts, reason) => Counted(counts, reason), reason);

    /// <summary>Remembers the status last written for a ModelDeployment.</summary>
    public void Observe(string ns, string name, ModelDeploymentStatus status) => _status[(ns, name)] = RolloutGauges.Of(status);

    /// <summary>Forgets a ModelDeployment that no longer exists.</summary>
    public void Forget(string ns, string name)
    {
        _status.TryRemove((ns, name), out _);
        _decisions.TryRemove((ns, name), out _);
    }

    /// <inheritdoc />
    public void WriteTo(PrometheusTextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        var decisions = writer.Counter(
            "llmop_rollout_decisions_total",
            "Rollout decisions about each ModelDeployment by reason (RolloutStarted, RolloutPromoted, RolloutAborted, EvaluationsDrifted, ...).");
        foreach (var ((ns, name), counts) in _decisions)
        {
            foreach (var (reason, count) in counts)
            {
                decisions.Sample(count, Namespace(ns), Model(name), ("reason", reason));
            }
        }

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

    // A new array each time: decisions are rare, and a scrape may be reading the old one.
    private static KeyValuePair<string, long>[] Counted(KeyValuePair<string, long>[] counts, string reason)
    {
        var index = Array.FindIndex(counts, c => c.Key == reason);
        if (index < 0)
        {
            return [.. counts, new(reason, 1)];
        }

        var counted = (KeyValuePair<string, long>[])counts.Clone();
        counted[index] = new(reason, counts[index].Value + 1);
        return counted;
    }

    private static (string, string?) Namespace(string ns) => ("k8s_namespace_name", ns);

    private static (string, string?) Model(string name) => ("llmop_model", name);
}
