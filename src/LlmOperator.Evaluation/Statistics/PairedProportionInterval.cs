namespace LlmOperator.Evaluation.Statistics;

/// <summary>
/// The confidence interval of the difference of two paired proportions (candidate minus baseline pass
/// rate) by Newcombe's hybrid score method (method 10 of Newcombe, Statistics in Medicine 1998): Wilson
/// intervals of both rates combined with their correlation. Unlike intervals that condition on the
/// discordant pairs, it stays wide when few cases were run, even if every pair agreed.
/// </summary>
internal static class PairedProportionInterval
{
    /// <summary>The interval from the 2×2 table of paired outcomes.</summary>
    /// <param name="bothPass">Cases both pass.</param>
    /// <param name="candidateOnly">Cases only the candidate passes.</param>
    /// <param name="baselineOnly">Cases only the baseline passes.</param>
    /// <param name="neitherPass">Cases both fail.</param>
    /// <param name="confidence">The two-sided confidence level.</param>
    public static Interval Newcombe(int bothPass, int candidateOnly, int baselineOnly, int neitherPass, double confidence)
    {
        var n = bothPass + candidateOnly + baselineOnly + neitherPass;
        if (n == 0)
        {
            return new Interval(-1, 1);
        }

        var p1 = (bothPass + candidateOnly) / (double)n;
        var p2 = (bothPass + baselineOnly) / (double)n;
        var (l1, u1) = WilsonInterval.Compute(bothPass + candidateOnly, n, confidence);
        var (l2, u2) = WilsonInterval.Compute(bothPass + baselineOnly, n, confidence);
        var phi = Correlation(bothPass, candidateOnly, baselineOnly, neitherPass);
        var delta = p1 - p2;
        var lower = delta - Math.Sqrt(Math.Max(0, Square(p1 - l1) - (2 * phi * (p1 - l1) * (u2 - p2)) + Square(u2 - p2)));
        var upper = delta + Math.Sqrt(Math.Max(0, Square(u1 - p1) - (2 * phi * (u1 - p1) * (p2 - l2)) + Square(p2 - l2)));
        return new Interval(Math.Max(-1, lower), Math.Min(1, upper));
    }

    // The phi coefficient of the table; 0 when a margin is empty (no correlation can be estimated).
    private static double Correlation(double a, double b, double c, double d)
    {
        var denominator = (a + b) * (c + d) * (a + c) * (b + d);
        return denominator == 0 ? 0 : ((a * d) - (b * c)) / Math.Sqrt(denominator);
    }

    private static double Square(double x) => x * x;
}
