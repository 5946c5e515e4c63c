using LlmOperator.Api.V1Alpha1;
using LlmOperator.Evaluation.Running;
using LlmOperator.Evaluation.Statistics;

namespace LlmOperator.Evaluation.Verdicts;

/// <summary>
/// The gate's absolute thresholds. Quality bars (minPassRate, metric bounds) are decided on confidence
/// intervals: met when the whole interval clears the bar, failed when the whole interval misses it,
/// inconclusive in between. Operational bars (error rate, p95 latency, critical cases) are observations
/// of the run and are compared as measured.
/// </summary>
internal static class ThresholdChecks
{
    /// <summary>Every threshold check of the candidate's results.</summary>
    public static IReadOnlyList<CheckResult> Check(EndpointResults candidate, EvaluationSummary summary, GatePolicy policy)
    {
        ArgumentNullException.ThrowIfNull(candidate);
        ArgumentNullException.ThrowIfNull(summary);
        ArgumentNullException.ThrowIfNull(policy);
        var thresholds = policy.Thresholds;
        var confidence = policy.Comparison.Confidence;
        var checks = new List<CheckResult>();
        if (thresholds.CriticalMustPass && candidate.Cases.FirstOrDefault(c => c.Critical && c.Outcome != CaseOutcome.Passed) is { } critical)
        {
            var how = critical.Outcome == CaseOutcome.Error ? "ended in an error" : "failed";
            checks.Add(new CheckResult("criticalMustPass", CheckStatus.Failed, $"critical case \"{critical.Id}\" {how}: {critical.Problem}"));
        }

        if (thresholds.MaxErrorRate is { } maxErrors && summary.ErrorRate > maxErrors)
        {
            checks.Add(new CheckResult("maxErrorRate", CheckStatus.Failed,
                $"the error rate {Figures.Percent(summary.ErrorRate.Value)} ({summary.Errors} of {Figures.Count(summary.Cases ?? 0, "case")}) " +
                $"is above the maximum {Figures.Percent(maxErrors)}"));
        }

        if (thresholds.MinPassRate is { } minPassRate)
        {
            var interval = new Interval(summary.PassRateLower ?? 0, summary.PassRateUpper ?? 1);
            var observed = $"the pass rate {Figures.Percent(summary.PassRate ?? 0)} " +
                $"({Figures.Confidence(confidence)} CI {Figures.Percents(interval)}) over {Figures.Count(summary.Cases ?? 0, "case")}";
            checks.Add(Bound("minPassRate", observed, interval, minPassRate, isMinimum: true, "minimum pass rate", Figures.Percent));
        }

        foreach (var (metric, bounds) in (thresholds.Metrics ?? []).OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            checks.AddRange(MetricBounds(candidate, metric, bounds, confidence));
        }

        if (thresholds.LatencyP95Ms is { } maxP95 && summary.LatencyP95Ms > maxP95)
        {
            checks.Add(new CheckResult("latencyP95Ms", CheckStatus.Failed,
                $"the 95th percentile latency {Figures.Milliseconds(summary.LatencyP95Ms.Value)} is above the maximum {Figures.Milliseconds(maxP95)}"));
        }

        return checks;
    }

    private static IEnumerable<CheckResult> MetricBounds(EndpointResults candidate, string metric, MetricThreshold bounds, double confidence)
    {
        var scores = candidate.Cases.Where(c => c.Metrics.ContainsKey(metric)).Select(c => c.Metrics[metric]).ToList();
        var name = $"metrics.{metric}";
        if (scores.Count == 0)
        {
            yield return new CheckResult(
                name, CheckStatus.Inconclusive, $"metric \"{metric}\" has no scores: no judged case has an assertion with metric: {metric}");
            yield break;
        }

        var mean = scores.Average();
        var interval = WilsonInterval.Compute(scores.Sum(), scores.Count, confidence);
        var observed = $"metric \"{metric}\" {Figures.Score(mean)} ({Figures.Confidence(confidence)} CI " +
            $"{Figures.Score(interval.Lower)}–{Figures.Score(interval.Upper)}) over {Figures.Count(scores.Count, "case")}";
        if (bounds.Min is { } min)
        {
            yield return Bound(name + ".min", observed, interval, min, isMinimum: true, "minimum", Figures.Score);
        }

        if (bounds.Max is { } max)
        {
            yield return Bound(name + ".max", observed, interval, max, isMinimum: false, "maximum", Figures.Score);
        }
    }

    private static CheckResult Bound(string name, string observed, Interval interval, double bar, bool isMinimum, string barName, Func<double, string> format)
    {
        var met = isMinimum ? interval.Lower >= bar : interval.Upper <= bar;
        var missed = isMinimum ? interval.Upper < bar : interval.Lower > bar;
        return met ? new CheckResult(name, CheckStatus.Met, $"{observed} meets the {barName} {format(bar)}")
            : missed ? new CheckResult(name, CheckStatus.Failed, $"{observed} is {(isMinimum ? "below" : "above")} the {barName} {format(bar)}")
            : new CheckResult(
                name,
                CheckStatus.Inconclusive,
                $"{observed} cannot show it {(isMinimum ? "reaches" : "stays within")} the {barName} {format(bar)}; more cases are needed");
    }
}
