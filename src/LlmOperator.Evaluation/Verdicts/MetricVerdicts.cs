using LlmOperator.Api.V1Alpha1;

namespace LlmOperator.Evaluation.Verdicts;

/// <summary>
/// A run's verdict from its dataset's verdict and its metrics' results, as a pure function. A definite
/// failure of either part fails the run (no retry can undo a regression already seen); otherwise an Error
/// (a part that could not be judged) makes the run Error, then an Inconclusive part makes it Inconclusive;
/// only when every part passed does it pass. The reason is the sentence of the part that decided it.
/// </summary>
internal static class MetricVerdicts
{
    /// <summary>The verdict of a run with a dataset (<paramref name="dataset"/>, or null for a gate of metrics alone) and metrics.</summary>
    public static Verdict Combine(Verdict? dataset, IReadOnlyList<MetricResult> metrics)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        if (metrics.Count == 0)
        {
            return dataset ?? throw new ArgumentException("a run without a dataset has metrics", nameof(metrics));
        }

        var parts = new List<(EvaluationPhase Phase, string Sentence)>();
        if (dataset is not null)
        {
            parts.Add((dataset.Phase, Clause(dataset.Reason, dataset.Phase)));
        }

        parts.AddRange(metrics.Select(m => (m.Phase ?? EvaluationPhase.Error, m.Message ?? $"metric {m.Name} has no verdict")));
        var order = new[] { EvaluationPhase.Failed, EvaluationPhase.Error, EvaluationPhase.Inconclusive };
        var deciding = order.SelectMany(phase => parts.Where(p => p.Phase == phase)).Cast<(EvaluationPhase, string)?>().FirstOrDefault();
        var (verdictPhase, reason) = deciding is { } part
            ? (part.Item1, $"{part.Item1}: {part.Item2}.")
            : (EvaluationPhase.Passed, $"Passed: {string.Join("; ", parts.Select(p => p.Sentence))}.");
        var checks = (dataset?.Checks ?? []).Concat(metrics.Select(m => new CheckResult($"prometheus.{m.Name}", Status(m.Phase), m.Message ?? "")));
        var summary = dataset?.Summary ?? new EvaluationSummary();
        return new Verdict(verdictPhase, reason, summary, dataset?.BaselineSummary, dataset?.Comparison, [.. checks], metrics);
    }

    // "Failed: the pass rate ... ." as a clause: without its phase nor its final full stop.
    private static string Clause(string reason, EvaluationPhase phase)
    {
        var prefix = $"{phase}: ";
        var clause = reason.StartsWith(prefix, StringComparison.Ordinal) ? reason[prefix.Length..] : reason;
        return clause.TrimEnd('.');
    }

    private static CheckStatus Status(EvaluationPhase? phase) => phase switch
    {
        EvaluationPhase.Passed => CheckStatus.Met,
        EvaluationPhase.Failed => CheckStatus.Failed,
        EvaluationPhase.Inconclusive => CheckStatus.Inconclusive,
        _ => CheckStatus.Error,
    };
}
