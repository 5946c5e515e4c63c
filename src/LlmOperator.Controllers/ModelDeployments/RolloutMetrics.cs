using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using LlmOperator.Api.V1Alpha1;
using LlmOperator.Controllers.Common;

namespace LlmOperator.Controllers.ModelDeployments;

/// <summary>
/// The rollout metrics, on the controllers' meter (<see cref="ControllerMeter"/>): every rollout decision by reason (a
/// rollback is reason RolloutAborted, drift EvaluationsDrifted, a fallback taking over ServingFallback), and
/// as gauges each ModelDeployment's phase, canary weight, whether it serves its fallback, and the pass rate
/// of its current evaluation.
/// </summary>
internal sealed class RolloutMetrics
{
    private static readonly RolloutPhase[] Phases = Enum.GetValues<RolloutPhase>();
    private readonly ConcurrentDictionary<(string Namespace, string Name), RolloutGauges> _status = new();
    private readonly Counter<long> _decisions;

    /// <summary>Creates the instruments.</summary>
    public RolloutMetrics(IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        var meter = meterFactory.Create(ControllerMeter.Name);
        _decisions = meter.CreateCounter<long>(
            "llmop.rollout.decisions",
            "{decision}",
            "Rollout decisions by reason (RolloutStarted, RolloutPromoted, RolloutAborted, EvaluationsDrifted, ...).");
        meter.CreateObservableGauge("llmop.rollout.phase", ObservePhases, "{phase}", "1 for the phase each ModelDeployment is in, 0 for the others.");
        meter.CreateObservableGauge("llmop.rollout.canary_weight", ObserveWeights, "%", "The share of traffic on each ModelDeployment's canary.");
        meter.CreateObservableGauge(
            "llmop.rollout.serving_fallback",
            ObserveFallbacks,
            "1",
            "1 while a drifted ModelDeployment serves its fallback (named by llmop.fallback), else 0.");
        meter.CreateObservableGauge(
            "llmop.evaluation.pass_rate",
            ObservePassRates,
            "1",
            "The pass rate of each ModelDeployment's current evaluation and of the latest scheduled one of each gate, by gate and kind of run.");
    }

    /// <summary>Counts a decision about a ModelDeployment.</summary>
    public void Decision(string ns, string name, string reason) =>
        _decisions.Add(1, new("k8s.namespace.name", ns), new("llmop.model", name), new("reason", reason));

    /// <summary>Remembers the status last written for a ModelDeployment.</summary>
    public void Observe(string ns, string name, ModelDeploymentStatus status) => _status[(ns, name)] = RolloutGauges.Of(status);

    /// <summary>Forgets a ModelDeployment that no longer exists.</summary>
    public void Forget(string ns, string name) => _status.TryRemove((ns, name), out _);

    private IEnumerable<Measurement<int>> ObservePhases() =>
        _status.SelectMany(s => Phases.Select(p =>
            new Measurement<int>(s.Value.Phase == p ? 1 : 0, Tags(s.Key, new KeyValuePair<string, object?>("phase", p.ToString())))));

    private IEnumerable<Measurement<int>> ObserveWeights() =>
        _status.Select(s => new Measurement<int>(s.Value.CanaryWeight, Tags(s.Key)));

    private IEnumerable<Measurement<int>> ObserveFallbacks() =>
        _status.Select(s => new Measurement<int>(
            s.Value.Fallback is null ? 0 : 1, Tags(s.Key, new KeyValuePair<string, object?>("llmop.fallback", s.Value.Fallback))));

    private IEnumerable<Measurement<double>> ObservePassRates() =>
        _status.SelectMany(s => s.Value.PassRates.Select(r => new Measurement<double>(r.Rate, Tags(s.Key, Run(r.Run, r.Gate, r.Kind)))));

    private static KeyValuePair<string, object?>[] Run(string run, string? gate, string? kind) =>
        [new("llmop.evaluation.run", run), new("llmop.evaluation.gate", gate), new("llmop.evaluation.kind", kind)];

    private static KeyValuePair<string, object?>[] Tags((string Namespace, string Name) key, params KeyValuePair<string, object?>[] more) =>
        [new("k8s.namespace.name", key.Namespace), new("llmop.model", key.Name), .. more];
}
