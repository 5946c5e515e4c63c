namespace LlmOperator.Evaluation.Statistics;

/// <summary>
/// A seeded paired bootstrap of the mean difference of scores (candidate minus baseline on the same
/// cases): cases are resampled with replacement, pairs kept together, and the percentile interval read.
/// The same seed gives the same result, so a verdict can be reproduced.
/// </summary>
internal static class PairedBootstrap
{
    /// <summary>The default number of resamples.</summary>
    public const int DefaultResamples = 2000;

    /// <summary>Bootstraps the mean of candidate[i] - baseline[i].</summary>
    /// <param name="candidate">The candidate's score per case.</param>
    /// <param name="baseline">The baseline's score on the same cases, in the same order.</param>
    /// <param name="confidence">The two-sided confidence level.</param>
    /// <param name="margin">The non-inferiority margin; the p-value is the share of resampled deltas at or below -margin.</param>
    /// <param name="seed">The seed of the resampling.</param>
    /// <param name="resamples">How many resamples.</param>
    public static BootstrapResult MeanDifference(
        IReadOnlyList<double> candidate,
        IReadOnlyList<double> baseline,
        double confidence,
        double margin,
        long seed,
        int resamples = DefaultResamples)
    {
        ArgumentNullException.ThrowIfNull(candidate);
        ArgumentNullException.ThrowIfNull(baseline);
        ArgumentOutOfRangeException.ThrowIfNotEqual(candidate.Count, baseline.Count);
        ArgumentOutOfRangeException.ThrowIfLessThan(resamples, 1);
        var n = candidate.Count;
        if (n == 0)
        {
            return new BootstrapResult(0, new Interval(-1, 1), 1);
        }

        var differences = new double[n];
        for (var i = 0; i < n; i++)
        {
            differences[i] = candidate[i] - baseline[i];
        }

        // System.Random with a seed has a fixed, documented-stable sequence across .NET versions.
        var random = new Random(unchecked((int)(seed ^ (seed >> 32))));
        var means = new double[resamples];
        var atOrBelow = 0;
        for (var r = 0; r < resamples; r++)
        {
            double sum = 0;
            for (var i = 0; i < n; i++)
            {
                sum += differences[random.Next(n)];
            }

            means[r] = sum / n;
            if (means[r] <= -margin)
            {
                atOrBelow++;
            }
        }

        Array.Sort(means);
        var alpha = (1 - confidence) / 2;
        var interval = new Interval(Percentiles.OfSorted(means, alpha), Percentiles.OfSorted(means, 1 - alpha));
        return new BootstrapResult(differences.Average(), interval, atOrBelow / (double)resamples);
    }
}

/// <summary>A bootstrapped mean difference.</summary>
/// <param name="Delta">The observed mean difference.</param>
/// <param name="Interval">The percentile confidence interval.</param>
/// <param name="PValue">The share of resampled means at or below -margin.</param>
internal readonly record struct BootstrapResult(double Delta, Interval Interval, double PValue);
