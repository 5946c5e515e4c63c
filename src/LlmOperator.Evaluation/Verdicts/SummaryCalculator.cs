using LlmOperator.Api.V1Alpha1;
using LlmOperator.Evaluation.Running;
using LlmOperator.Evaluation.Statistics;

namespace LlmOperator.Evaluation.Verdicts;

/// <summary>
/// What an endpoint scored on its own. The pass rate counts errors as not passed (an endpoint that cannot
/// answer is not good); latency percentiles are over the answered requests.
/// </summary>
internal static class SummaryCalculator
{
    /// <summary>The summary of an endpoint's results, with the pass rate's interval at the confidence level.</summary>
    public static EvaluationSummary Summarize(EndpointResults results, double confidence)
    {
        ArgumentNullException.ThrowIfNull(results);
        var cases = results.Cases;
        var passed = cases.Count(c => c.Outcome == CaseOutcome.Passed);
        var errors = cases.Count(c => c.Outcome == CaseOutcome.Error);
        var interval = WilsonInterval.Compute(passed, cases.Count, confidence);
        var attempts = cases.SelectMany(c => c.Attempts).ToList();
        var latencies = attempts.Where(a => a.LatencyMs is not null).Select(a => a.LatencyMs!.Value).ToArray();
        Array.Sort(latencies);
        var costs = attempts.Where(a => a.Cost is not null).Select(a => a.Cost!.Value).ToList();
        return new EvaluationSummary
        {
            Cases = cases.Count,
            Passed = passed,
            Failed = cases.Count(c => c.Outcome == CaseOutcome.Failed),
            Errors = errors,
            PassRate = Share(passed, cases.Count),
            PassRateLower = Figures.Round(interval.Lower),
            PassRateUpper = Figures.Round(interval.Upper),
            Scores = MetricMeans(cases),
            LatencyP50Ms = latencies.Length == 0 ? null : Figures.Round(Percentiles.OfSorted(latencies, 0.5), 1),
            LatencyP95Ms = latencies.Length == 0 ? null : Figures.Round(Percentiles.OfSorted(latencies, 0.95), 1),
            PromptTokens = Sum(attempts.Select(a => a.PromptTokens)),
            CompletionTokens = Sum(attempts.Select(a => a.CompletionTokens)),
            Cost = costs.Count == 0 ? null : Figures.Round(costs.Sum(), 6),
            ErrorRate = Share(errors, cases.Count),
        };
    }

    /// <summary>The mean of each named metric over the cases that have it, or null when no assertion names a metric.</summary>
    public static Dictionary<string, double>? MetricMeans(IReadOnlyList<CaseResult> cases)
    {
        ArgumentNullException.ThrowIfNull(cases);
        var means = cases.SelectMany(c => c.Metrics)
            .GroupBy(p => p.Key, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => Figures.Round(g.Average(p => p.Value)), StringComparer.Ordinal);
        return means.Count == 0 ? null : means;
    }

    private static double? Share(int part, int whole) => whole == 0 ? null : Figures.Round(part / (double)whole);

    private static long? Sum(IEnumerable<long?> values)
    {
        long? sum = null;
        foreach (var value in values)
        {
            if (value is { } v)
            {
                sum = (sum ?? 0) + v;
            }
        }

        return sum;
    }
}
