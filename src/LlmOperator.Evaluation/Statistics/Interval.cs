namespace LlmOperator.Evaluation.Statistics;

/// <summary>A confidence interval.</summary>
/// <param name="Lower">The lower bound.</param>
/// <param name="Upper">The upper bound.</param>
internal readonly record struct Interval(double Lower, double Upper)
{
    /// <summary>Whether the interval holds a value.</summary>
    public bool Contains(double value) => value >= Lower && value <= Upper;
}
