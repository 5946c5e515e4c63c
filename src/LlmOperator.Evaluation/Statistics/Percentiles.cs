namespace LlmOperator.Evaluation.Statistics;

/// <summary>Percentiles by linear interpolation between closest ranks (type 7, as numpy and Excel compute them).</summary>
internal static class Percentiles
{
    /// <summary>The q-quantile (q in [0, 1]) of values in any order; NaN for none.</summary>
    public static double Of(IEnumerable<double> values, double q)
    {
        var sorted = values.ToArray();
        Array.Sort(sorted);
        return OfSorted(sorted, q);
    }

    /// <summary>The q-quantile of values sorted ascending; NaN for none.</summary>
    public static double OfSorted(IReadOnlyList<double> sorted, double q)
    {
        ArgumentNullException.ThrowIfNull(sorted);
        ArgumentOutOfRangeException.ThrowIfNegative(q);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(q, 1);
        if (sorted.Count == 0)
        {
            return double.NaN;
        }

        var position = q * (sorted.Count - 1);
        var below = (int)Math.Floor(position);
        var above = Math.Min(below + 1, sorted.Count - 1);
        return sorted[below] + ((position - below) * (sorted[above] - sorted[below]));
    }
}
