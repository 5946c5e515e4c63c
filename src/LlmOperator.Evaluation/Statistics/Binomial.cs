namespace LlmOperator.Evaluation.Statistics;

/// <summary>Exact binomial probabilities, computed in log space so that thousands of trials stay accurate.</summary>
internal static class Binomial
{
    /// <summary>P(X ≤ k) for X ~ Binomial(n, p).</summary>
    public static double Cdf(int k, int n, double p)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(n);
        if (k < 0)
        {
            return 0;
        }

        if (k >= n)
        {
            return 1;
        }

        // Sum the smaller tail for accuracy.
        if (k > n * p)
        {
            return 1 - UpperTail(k + 1, n, p);
        }

        double sum = 0;
        for (var i = 0; i <= k; i++)
        {
            sum += Math.Exp(LogPmf(i, n, p));
        }

        return Math.Min(1, sum);
    }

    /// <summary>P(X ≥ k) for X ~ Binomial(n, p).</summary>
    public static double UpperTail(int k, int n, double p)
    {
        if (k <= 0)
        {
            return 1;
        }

        double sum = 0;
        for (var i = k; i <= n; i++)
        {
            sum += Math.Exp(LogPmf(i, n, p));
        }

        return Math.Min(1, sum);
    }

    /// <summary>log P(X = k).</summary>
    public static double LogPmf(int k, int n, double p)
    {
        if (p <= 0)
        {
            return k == 0 ? 0 : double.NegativeInfinity;
        }

        if (p >= 1)
        {
            return k == n ? 0 : double.NegativeInfinity;
        }

        return LogChoose(n, k) + (k * Math.Log(p)) + ((n - k) * Math.Log(1 - p));
    }

    /// <summary>log C(n, k).</summary>
    public static double LogChoose(int n, int k) => LogGamma(n + 1) - LogGamma(k + 1) - LogGamma(n - k + 1);

    /// <summary>log Γ(x) for x &gt; 0, by the Lanczos approximation (g = 7, 9 terms; about 15 digits).</summary>
    public static double LogGamma(double x)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(x, 0);
        ReadOnlySpan<double> c =
        [
            0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
            12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
        ];
        if (x < 0.5)
        {
            return Math.Log(Math.PI / Math.Abs(Math.Sin(Math.PI * x))) - LogGamma(1 - x);
        }

        x -= 1;
        var a = c[0];
        var t = x + 7.5;
        for (var i = 1; i < 9; i++)
        {
            a += c[i] / (x + i);
        }

        return (0.5 * Math.Log(2 * Math.PI)) + ((x + 0.5) * Math.Log(t)) - t + Math.Log(a);
    }
}
