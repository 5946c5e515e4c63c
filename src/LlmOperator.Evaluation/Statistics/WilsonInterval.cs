namespace LlmOperator.Evaluation.Statistics;

/// <summary>
/// The Wilson score interval of a proportion. For the mean of scores in [0, 1] it is conservative too,
/// because such scores vary at most as much as pass/fail outcomes with the same mean.
/// </summary>
internal static class WilsonInterval
{
    /// <summary>The two-sided interval of <paramref name="successes"/> out of <paramref name="n"/> (successes may be a sum of scores).</summary>
    public static Interval Compute(double successes, int n, double confidence)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(n);
        if (n == 0)
        {
            return new Interval(0, 1);
        }

        var z = NormalDistribution.TwoSidedCritical(confidence);
        var p = Math.Clamp(successes / n, 0, 1);
        var z2 = z * z;
        var centre = (p + (z2 / (2 * n))) / (1 + (z2 / n));
        var half = z / (1 + (z2 / n)) * Math.Sqrt((p * (1 - p) / n) + (z2 / (4.0 * n * n)));
        return new Interval(Math.Max(0, centre - half), Math.Min(1, centre + half));
    }
}
