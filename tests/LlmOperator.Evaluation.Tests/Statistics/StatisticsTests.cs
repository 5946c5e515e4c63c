using LlmOperator.Evaluation.Statistics;

namespace LlmOperator.Evaluation.Tests.Statistics;

// Known values from the literature and closed forms; the statistics are pure functions and tested as such.
public class StatisticsTests
{
    [Theory]
    [InlineData(0.975, 1.959963984540054)]
    [InlineData(0.95, 1.6448536269514722)]
    [InlineData(0.995, 2.5758293035489004)]
    [InlineData(0.5, 0.0)]
    [InlineData(0.1, -1.2815515655446004)]
    [InlineData(1e-10, -6.361340902404056)]
    public void Normal_quantiles_match_tables(double p, double expected) =>
        Assert.Equal(expected, NormalDistribution.Quantile(p), 12);

    // Newcombe (1998), "Two-sided confidence intervals for the single proportion", Table I, method 3 (Wilson).
    [Theory]
    [InlineData(81, 263, 0.2553, 0.3662)]
    [InlineData(15, 148, 0.0624, 0.1605)]
    [InlineData(0, 20, 0.0000, 0.1611)]
    [InlineData(1, 29, 0.0061, 0.1718)]
    public void Wilson_intervals_match_Newcombe(int successes, int n, double lower, double upper)
    {
        var interval = WilsonInterval.Compute(successes, n, 0.95);

        Assert.Equal(lower, interval.Lower, 4);
        Assert.Equal(upper, interval.Upper, 4);
    }

    [Theory]
    [InlineData(2, 10, 0.3, 0.3827827864)]
    [InlineData(0, 5, 0.5, 0.03125)]
    [InlineData(10, 20, 0.5, 0.5880985260)]
    [InlineData(4000, 10000, 0.4, 0.5043429963115061)]
    public void Binomial_cdf_matches_exact_sums(int k, int n, double p, double expected) =>
        Assert.Equal(expected, Binomial.Cdf(k, n, p), 9);

    [Fact]
    public void Log_gamma_of_integers_is_the_log_factorial() =>
        Assert.Equal(Math.Log(362880), Binomial.LogGamma(10), 10);

    // Exact McNemar: 2 * P(X <= min(b, c)) for X ~ Binomial(b + c, 1/2), in closed form.
    [Theory]
    [InlineData(1, 9, 0.021484375, 0.0107421875)]
    [InlineData(3, 11, 0.057373046875, 0.0286865234375)]
    [InlineData(9, 1, 0.021484375, 0.9990234375)]
    [InlineData(5, 5, 1.0, 0.623046875)]
    [InlineData(0, 0, 1.0, 1.0)]
    [InlineData(0, 20, 1.9073486328125e-6, 9.5367431640625e-7)]
    public void McNemar_exact_p_values(int candidateOnly, int baselineOnly, double twoSided, double candidateWorse)
    {
        var result = McNemarTest.Exact(candidateOnly, baselineOnly);

        Assert.Equal(twoSided, result.TwoSided, 12);
        Assert.Equal(candidateWorse, result.CandidateWorse, 12);
    }

    // Newcombe (1998), "Improved confidence intervals for the difference between binomial proportions based on
    // paired data", Table II, example (a), method 10: +0.0569 to +0.3404.
    [Fact]
    public void Paired_interval_matches_Newcombes_example()
    {
        var interval = PairedProportionInterval.Newcombe(36, 12, 2, 0, 0.95);

        Assert.Equal(0.0569, interval.Lower, 4);
        Assert.Equal(0.3404, interval.Upper, 4);
    }

    [Fact]
    public void Paired_interval_stays_wide_for_few_cases_even_when_every_pair_agrees()
    {
        var ten = PairedProportionInterval.Newcombe(9, 0, 0, 1, 0.95);
        var hundred = PairedProportionInterval.Newcombe(90, 0, 0, 10, 0.95);

        Assert.Equal(-0.222026, ten.Lower, 6);
        Assert.Equal(0.222026, ten.Upper, 6);
        Assert.Equal(-0.029595, hundred.Lower, 6);
        var regression = PairedProportionInterval.Newcombe(70, 0, 20, 10, 0.95);
        Assert.Equal(-0.282592, regression.Lower, 6);
        Assert.Equal(-0.122789, regression.Upper, 6);
    }

    [Fact]
    public void Percentiles_interpolate_like_numpy()
    {
        Assert.Equal(2.5, Percentiles.Of([4, 1, 3, 2], 0.5));
        Assert.Equal(3.85, Percentiles.Of([1, 2, 3, 4], 0.95), 12);
        Assert.Equal(29, Percentiles.Of([15, 20, 35, 40, 50], 0.4), 12);
        Assert.True(double.IsNaN(Percentiles.Of([], 0.5)));
    }

    [Fact]
    public void The_bootstrap_is_reproducible_from_its_seed()
    {
        double[] candidate = [0.9, 0.8, 1, 0.4, 0.7, 0.6, 1, 0.9];
        double[] baseline = [0.8, 0.9, 1, 0.5, 0.5, 0.7, 0.9, 1];

        var first = PairedBootstrap.MeanDifference(candidate, baseline, 0.95, 0.05, seed: 42);
        var again = PairedBootstrap.MeanDifference(candidate, baseline, 0.95, 0.05, seed: 42);
        var other = PairedBootstrap.MeanDifference(candidate, baseline, 0.95, 0.05, seed: 43);

        Assert.Equal(first, again);
        Assert.NotEqual(first.Interval, other.Interval);
        Assert.Equal(0, first.Delta, 12);
        Assert.True(first.Interval.Lower < 0 && first.Interval.Upper > 0);
    }

    // A seeded simulation: paired scores with a known true mean difference; the 90% percentile interval
    // should cover it in about 90% of 400 runs (binomial SD 1.5 points; percentile intervals run a little narrow).
    [Fact]
    public void The_bootstrap_interval_covers_the_truth_at_about_the_stated_rate()
    {
        const double TrueDifference = -0.05;
        var random = new Random(7);
        var covered = 0;
        const int Simulations = 400;
        for (var s = 0; s < Simulations; s++)
        {
            var candidate = new double[60];
            var baseline = new double[60];
            for (var i = 0; i < candidate.Length; i++)
            {
                var difficulty = random.NextDouble();
                baseline[i] = Math.Clamp(difficulty + (random.NextDouble() * 0.4) - 0.2, 0, 1);
                candidate[i] = baseline[i] + TrueDifference + ((random.NextDouble() - 0.5) * 0.6);
            }

            var result = PairedBootstrap.MeanDifference(candidate, baseline, 0.90, 0.05, seed: s, resamples: 1000);
            covered += result.Interval.Contains(TrueDifference) ? 1 : 0;
        }

        var rate = covered / (double)Simulations;
        Assert.InRange(rate, 0.85, 0.95);
    }
}
