using LlmOperator.Api.V1Alpha1;
using LlmOperator.Evaluation.Statistics;

namespace LlmOperator.Evaluation.Verdicts;

/// <summary>What a verdict is decided against: the gate's thresholds and comparison, and the run's seed.</summary>
/// <param name="Thresholds">The absolute bar.</param>
/// <param name="Comparison">How to compare with the baseline; its confidence also sets the thresholds' intervals.</param>
/// <param name="Seed">The seed of the bootstrap.</param>
/// <param name="Resamples">Bootstrap resamples.</param>
internal sealed record GatePolicy(Thresholds Thresholds, ComparisonPolicy Comparison, long Seed, int Resamples = PairedBootstrap.DefaultResamples)
{
    /// <summary>The policy of a gate, with the API's defaults for what it leaves out.</summary>
    public static GatePolicy From(EvaluationGateSpec gate, long seed)
    {
        ArgumentNullException.ThrowIfNull(gate);
        return new GatePolicy(gate.Thresholds ?? new Thresholds(), gate.Comparison ?? new ComparisonPolicy(), seed);
    }

    /// <summary>Whether a baseline is to be run and compared with.</summary>
    public bool ComparesWithBaseline => Comparison.Baseline == BaselinePolicy.Stable;

    /// <summary>The error probability the verdict accepts: 1 - confidence.</summary>
    public double Alpha => 1 - Comparison.Confidence;
}
