namespace LlmOperator.Evaluation.Assertions;

/// <summary>How one answer did on all its assertions.</summary>
/// <param name="Pass">Whether every assertion passed.</param>
/// <param name="Score">The weighted mean of the assertion scores (1 with no assertions, 0 when all weights are 0).</param>
/// <param name="Metrics">The weighted mean score of each named metric.</param>
/// <param name="FailureReason">The reason of the first failed assertion.</param>
public sealed record CaseScore(bool Pass, double Score, IReadOnlyDictionary<string, double> Metrics, string? FailureReason)
{
    /// <summary>Scores a list of outcomes the way promptfoo scores a test's assertions.</summary>
    public static CaseScore From(IReadOnlyList<AssertionOutcome> outcomes)
    {
        ArgumentNullException.ThrowIfNull(outcomes);
        if (outcomes.Count == 0)
        {
            return new CaseScore(true, 1, new Dictionary<string, double>(), null);
        }

        double total = 0, weights = 0;
        var metricTotals = new Dictionary<string, (double Sum, double Weight)>(StringComparer.Ordinal);
        foreach (var outcome in outcomes)
        {
            total += outcome.Score * outcome.Weight;
            weights += outcome.Weight;
            if (outcome.Metric is { } metric)
            {
                var (sum, weight) = metricTotals.GetValueOrDefault(metric);
                metricTotals[metric] = (sum + (outcome.Score * outcome.Weight), weight + outcome.Weight);
            }
        }

        var failed = outcomes.FirstOrDefault(o => !o.Pass);
        var metrics = metricTotals.ToDictionary(p => p.Key, p => p.Value.Weight > 0 ? p.Value.Sum / p.Value.Weight : 0, StringComparer.Ordinal);
        return new CaseScore(failed is null, weights > 0 ? total / weights : 0, metrics, failed is null ? null : $"{failed.Type}: {failed.Reason}");
    }
}
