using LlmOperator.Api.V1Alpha1;
using LlmOperator.Evaluation.Running;
using LlmOperator.Evaluation.Statistics;

namespace LlmOperator.Evaluation.Verdicts;

/// <summary>
/// The candidate against the baseline on the same cases, as a non-inferiority test with margin
/// maxRegression. Pass rate: Newcombe's paired interval decides no-regression, and a regression is
/// declared when the drop exceeds the margin and the exact McNemar test finds the difference real.
/// Scores: a seeded paired bootstrap, read the same way. Cases that errored on either side are not paired.
/// </summary>
internal static class BaselineComparison
{
    /// <summary>The most new failures listed.</summary>
    public const int MaxNewFailures = 20;

    /// <summary>The comparison and its checks.</summary>
    public static (ComparisonResult Result, IReadOnlyList<CheckResult> Checks) Compare(
        EndpointResults candidate,
        EndpointResults baseline,
        GatePolicy policy,
        string baselineName)
    {
        ArgumentNullException.ThrowIfNull(candidate);
        ArgumentNullException.ThrowIfNull(baseline);
        ArgumentNullException.ThrowIfNull(policy);
        var byId = baseline.Cases.ToDictionary(c => c.Id, StringComparer.Ordinal);
        var pairs = candidate.Cases.Where(c => byId.ContainsKey(c.Id)).Select(c => (Candidate: c, Baseline: byId[c.Id])).ToList();
        var newFailures = pairs.Where(p => p.Baseline.Outcome == CaseOutcome.Passed && p.Candidate.Outcome != CaseOutcome.Passed)
            .Select(p => p.Candidate.Id).Take(MaxNewFailures).ToList();
        var judged = pairs.Where(p => p.Candidate.Outcome != CaseOutcome.Error && p.Baseline.Outcome != CaseOutcome.Error).ToList();
        var result = new ComparisonResult { Baseline = baselineName, Metrics = [], NewFailures = newFailures };
        // A release kept from an earlier run (a scheduled run's drift check) is named as such.
        var against = baseline.Role == EndpointResults.ReleaseRole ? baselineName : "the baseline";
        var minCases = policy.Comparison.MinCases;
        if (judged.Count < minCases)
        {
            var check = new CheckResult("comparison", CheckStatus.Inconclusive,
                $"only {Figures.Count(judged.Count, "case")} could be paired with {against}, fewer than the {minCases} the gate needs to compare");
            return (result, [check]);
        }

        var checks = new List<CheckResult> { PassRate(judged, policy, result, against) };
        checks.Add(Scores("score", judged.Select(p => (p.Candidate.Score!.Value, p.Baseline.Score!.Value)).ToList(), policy, result, against));
        var metrics = judged.SelectMany(p => p.Candidate.Metrics.Keys).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal);
        foreach (var metric in metrics)
        {
            var metricPairs = judged.Where(p => p.Candidate.Metrics.ContainsKey(metric) && p.Baseline.Metrics.ContainsKey(metric))
                .Select(p => (p.Candidate.Metrics[metric], p.Baseline.Metrics[metric])).ToList();
            if (metricPairs.Count >= minCases)
            {
                checks.Add(Scores(metric, metricPairs, policy, result, against));
            }
        }

        return (result, checks);
    }

    private static CheckResult PassRate(List<(CaseResult Candidate, CaseResult Baseline)> pairs, GatePolicy policy, ComparisonResult result, string against)
    {
        int both = 0, candidateOnly = 0, baselineOnly = 0, neither = 0;
        foreach (var (c, b) in pairs)
        {
            var (cp, bp) = (c.Outcome == CaseOutcome.Passed, b.Outcome == CaseOutcome.Passed);
            _ = (cp, bp) switch
            {
                (true, true) => both++,
                (true, false) => candidateOnly++,
                (false, true) => baselineOnly++,
                _ => neither++,
            };
        }

        var n = pairs.Count;
        var candidateRate = (both + candidateOnly) / (double)n;
        var baselineRate = (both + baselineOnly) / (double)n;
        var delta = candidateRate - baselineRate;
        var interval = PairedProportionInterval.Newcombe(both, candidateOnly, baselineOnly, neither, policy.Comparison.Confidence);
        var mcnemar = McNemarTest.Exact(candidateOnly, baselineOnly);
        var margin = policy.Comparison.MaxRegression;
        var status = interval.Lower >= -margin ? CheckStatus.Met
            : delta < -margin && mcnemar.TwoSided < policy.Alpha ? CheckStatus.Failed
            : CheckStatus.Inconclusive;
        result.Metrics!.Add(Comparison("passRate", candidateRate, baselineRate, interval, mcnemar.TwoSided, status));
        var observed = $"the pass rate changed {Figures.Points(delta)} against {against} " +
            $"({Figures.Percent(candidateRate)} vs {Figures.Percent(baselineRate)} on {Figures.Count(n, "paired case")}; " +
            $"{Figures.Confidence(policy.Comparison.Confidence)} CI {Figures.PointsRange(interval)}, exact McNemar p {Figures.PValue(mcnemar.TwoSided)})";
        return new CheckResult("comparison.passRate", status, status switch
        {
            CheckStatus.Met => $"{observed}, within the {Figures.Points(margin).TrimStart('+')} allowed regression",
            CheckStatus.Failed => $"{observed}, a regression beyond the {Figures.Points(margin).TrimStart('+')} allowed",
            _ => $"{observed}, which cannot rule out a regression beyond the {Figures.Points(margin).TrimStart('+')} allowed; more cases are needed",
        });
    }

    private static CheckResult Scores(
        string metric, List<(double Candidate, double Baseline)> pairs, GatePolicy policy, ComparisonResult result, string against)
    {
        var candidate = pairs.Select(p => p.Candidate).ToList();
        var baseline = pairs.Select(p => p.Baseline).ToList();
        var margin = policy.Comparison.MaxRegression;
        var bootstrap = PairedBootstrap.MeanDifference(candidate, baseline, policy.Comparison.Confidence, margin, policy.Seed, policy.Resamples);
        var status = bootstrap.Interval.Lower >= -margin ? CheckStatus.Met
            : bootstrap.Delta < -margin && bootstrap.Interval.Upper < 0 ? CheckStatus.Failed
            : CheckStatus.Inconclusive;
        result.Metrics!.Add(Comparison(metric, candidate.Average(), baseline.Average(), bootstrap.Interval, bootstrap.PValue, status));
        var observed = $"the mean {metric} changed {Figures.Score(bootstrap.Delta)} against {against} " +
            $"({Figures.Score(candidate.Average())} vs {Figures.Score(baseline.Average())} on {Figures.Count(pairs.Count, "paired case")}; " +
            $"{Figures.Confidence(policy.Comparison.Confidence)} bootstrap CI " +
            $"{Figures.Score(bootstrap.Interval.Lower)} to {Figures.Score(bootstrap.Interval.Upper)})";
        return new CheckResult($"comparison.{metric}", status, status switch
        {
            CheckStatus.Met => $"{observed}, within the {Figures.Score(margin)} allowed regression",
            CheckStatus.Failed => $"{observed}, a regression beyond the {Figures.Score(margin)} allowed",
            _ => $"{observed}, which cannot rule out a regression beyond the {Figures.Score(margin)} allowed; more cases are needed",
        });
    }

    private static MetricComparison Comparison(string name, double candidate, double baseline, Interval interval, double p, CheckStatus status) => new()
    {
        Name = name,
        Candidate = Figures.Round(candidate),
        Baseline = Figures.Round(baseline),
        Delta = Figures.Round(candidate - baseline),
        Lower = Figures.Round(interval.Lower),
        Upper = Figures.Round(interval.Upper),
        PValue = Figures.Round(p, 6),
        Regressed = status == CheckStatus.Failed,
    };
}
