using LlmOperator.Api.Text;

namespace LlmOperator.Evaluation.Assertions;

/// <summary>levenshtein: the answer is at most threshold (default 5) edits away from the value.</summary>
internal sealed class LevenshteinAssertion : CompiledAssertion
{
    /// <summary>The distance allowed when no threshold is given, as in promptfoo.</summary>
    public const double DefaultThreshold = 5;

    private readonly string _value;

    /// <summary>Checks the value.</summary>
    public LevenshteinAssertion(AssertionSpec spec)
        : base(spec)
    {
        _value = AssertionValues.RequireText(spec);
    }

    /// <inheritdoc />
    public override ValueTask<AssertionOutcome> EvaluateAsync(AssertionInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var threshold = Spec.Threshold ?? DefaultThreshold;
        var distance = EditDistance.Levenshtein(input.Output, _value);
        var pass = (distance <= threshold) != Spec.Inverse;
        var reason = Spec.Inverse
            ? $"Levenshtein distance {distance} is less than or equal to threshold {threshold}"
            : $"Levenshtein distance {distance} is greater than threshold {threshold}";
        return ValueTask.FromResult(Verdict(pass, reason));
    }
}
