using System.Globalization;
using LlmOperator.Api.V1Alpha1;

namespace LlmOperator.Evaluation.Assertions;

/// <summary>latency (milliseconds) and cost: the request stayed at or under the threshold, which is required.</summary>
internal sealed class LimitAssertion : CompiledAssertion
{
    private readonly double _threshold;

    /// <summary>Checks that a threshold is set.</summary>
    public LimitAssertion(AssertionSpec spec)
        : base(spec)
    {
        _threshold = spec.Threshold ?? throw new AssertionConfigurationException(
            $"{spec.Where}: \"{spec.TypeName}\" needs a threshold " +
            $"({(spec.Type == AssertionType.Latency ? "the most milliseconds" : "the most a request may cost")})");
    }

    /// <inheritdoc />
    public override ValueTask<AssertionOutcome> EvaluateAsync(AssertionInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var (measured, text) = Spec.Type == AssertionType.Latency
            ? (input.Latency.TotalMilliseconds, $"Latency {input.Latency.TotalMilliseconds:0}ms")
            : (input.Cost ?? throw new AssertionException($"{Spec.Where}: the endpoint reported no cost and no pricing is set (execution.pricing)"),
               $"Cost {input.Cost.Value.ToString("G2", CultureInfo.InvariantCulture)}");
        var unit = Spec.Type == AssertionType.Latency ? "ms" : "";
        var within = measured <= _threshold;
        var reason = Spec.Inverse
            ? $"{text} is less than or equal to threshold {_threshold}{unit}"
            : $"{text} is greater than threshold {_threshold}{unit}";
        return ValueTask.FromResult(Verdict(within != Spec.Inverse, reason));
    }
}
