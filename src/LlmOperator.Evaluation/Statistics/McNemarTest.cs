namespace LlmOperator.Evaluation.Statistics;

/// <summary>
/// The exact McNemar test on paired pass/fail outcomes: only the discordant pairs count, and under no
/// difference each is equally likely to favour either side (a binomial with p = 1/2).
/// </summary>
internal static class McNemarTest
{
    /// <summary>The test on the discordant pairs.</summary>
    /// <param name="candidateOnly">Cases the candidate passes and the baseline fails.</param>
    /// <param name="baselineOnly">Cases the baseline passes and the candidate fails.</param>
    public static McNemarResult Exact(int candidateOnly, int baselineOnly)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(candidateOnly);
        ArgumentOutOfRangeException.ThrowIfNegative(baselineOnly);
        var discordant = candidateOnly + baselineOnly;
        var worse = Binomial.Cdf(candidateOnly, discordant, 0.5);
        var twoSided = Math.Min(1, 2 * Binomial.Cdf(Math.Min(candidateOnly, baselineOnly), discordant, 0.5));
        return new McNemarResult(twoSided, worse);
    }
}

/// <summary>The p-values of an exact McNemar test.</summary>
/// <param name="TwoSided">The p-value of any difference.</param>
/// <param name="CandidateWorse">The one-sided p-value that the candidate passes less often than the baseline.</param>
internal readonly record struct McNemarResult(double TwoSided, double CandidateWorse);
