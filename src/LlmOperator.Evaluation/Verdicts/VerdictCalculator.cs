using LlmOperator.Api.V1Alpha1;
using LlmOperator.Evaluation.Running;

namespace LlmOperator.Evaluation.Verdicts;

/// <summary>
/// The verdict as a pure function of the results and the policy: Error when an endpoint answered
/// nothing, Failed when any check failed, Inconclusive when any check could not decide, else Passed;
/// the reason is the sentence of the first check that decided it.
/// </summary>
internal static class VerdictCalculator
{
    /// <summary>Decides a run.</summary>
    /// <param name="candidate">The candidate's results.</param>
    /// <param name="baseline">The baseline's results on the same cases, or null when there is no comparison.</param>
    /// <param name="policy">The gate's policy.</param>
    /// <param name="baselineName">How the comparison names the baseline.</param>
    public static Verdict Decide(EndpointResults candidate, EndpointResults? baseline, GatePolicy policy, string? baselineName = null)
    {
        ArgumentNullException.ThrowIfNull(candidate);
        ArgumentNullException.ThrowIfNull(policy);
        var confidence = policy.Comparison.Confidence;
        var summary = SummaryCalculator.Summarize(candidate, confidence);
        var baselineSummary = baseline is null ? null : SummaryCalculator.Summarize(baseline, confidence);
        var checks = new List<CheckResult>();
        if ((Unanswered(candidate) ?? Unanswered(baseline)) is { } unanswered)
        {
            checks.Add(unanswered);
            return Conclude(checks, summary, baselineSummary, null);
        }

        checks.AddRange(ThresholdChecks.Check(candidate, summary, policy));
        ComparisonResult? comparison = null;
        if (baseline is not null && policy.ComparesWithBaseline)
        {
            (comparison, var comparisonChecks) = BaselineComparison.Compare(candidate, baseline, policy, baselineName ?? $"{baseline.Model} at {baseline.Url}");
            checks.AddRange(comparisonChecks);
        }

        if (!checks.Any(c => c.Name == "minPassRate"
            || c.Name.StartsWith("metrics.", StringComparison.Ordinal)
            || c.Name.StartsWith("comparison", StringComparison.Ordinal)))
        {
            checks.Add(EveryCasePasses(candidate));
        }

        return Conclude(checks, summary, baselineSummary, comparison);
    }

    /// <summary>The verdict of a run that could not finish, with the figures of what did.</summary>
    public static Verdict Error(string sentence, EndpointResults candidate, EndpointResults? baseline, double confidence)
    {
        ArgumentNullException.ThrowIfNull(candidate);
        var summary = SummaryCalculator.Summarize(candidate, confidence);
        var baselineSummary = baseline is null ? null : SummaryCalculator.Summarize(baseline, confidence);
        return Conclude([new CheckResult("run", CheckStatus.Error, sentence)], summary, baselineSummary, null);
    }

    // A gate with no quality bar of its own (no minPassRate, metric bounds or comparison) is read the way
    // promptfoo reads a test suite: every case must pass. Otherwise a gate without thresholds would pass anything.
    private static CheckResult EveryCasePasses(EndpointResults candidate)
    {
        var failing = candidate.Cases.Where(c => c.Outcome != CaseOutcome.Passed).ToList();
        return failing.Count == 0
            ? new CheckResult("everyCase", CheckStatus.Met, "every case passed")
            : new CheckResult("everyCase", CheckStatus.Failed,
                $"{failing.Count} of {Figures.Count(candidate.Cases.Count, "case")} did not pass, " +
                "and a gate without minPassRate, metric bounds or a baseline needs every case to pass " +
                $"(the first, \"{failing[0].Id}\": {failing[0].Problem})");
    }

    private static CheckResult? Unanswered(EndpointResults? results) =>
        results is { Cases.Count: > 0 } && results.Cases.All(c => c.Outcome == CaseOutcome.Error)
            ? new CheckResult("errors", CheckStatus.Error, $"every case on the {results.Role} ended in an error, the first: {results.Cases[0].Error}")
            : null;

    private static Verdict Conclude(List<CheckResult> checks, EvaluationSummary summary, EvaluationSummary? baselineSummary, ComparisonResult? comparison)
    {
        var deciding = checks.FirstOrDefault(c => c.Status == CheckStatus.Error)
            ?? checks.FirstOrDefault(c => c.Status == CheckStatus.Failed)
            ?? checks.FirstOrDefault(c => c.Status == CheckStatus.Inconclusive);
        var (phase, reason) = deciding switch
        {
            { Status: CheckStatus.Error } => (EvaluationPhase.Error, "Error: " + deciding.Sentence),
            { Status: CheckStatus.Failed } => (EvaluationPhase.Failed, "Failed: " + deciding.Sentence),
            { Status: CheckStatus.Inconclusive } => (EvaluationPhase.Inconclusive, "Inconclusive: " + deciding.Sentence),
            _ => (EvaluationPhase.Passed, "Passed: " + PassedSentence(summary, checks)),
        };
        return new Verdict(phase, reason + ".", summary, baselineSummary, comparison, checks);
    }

    private static string PassedSentence(EvaluationSummary summary, List<CheckResult> checks)
    {
        var headline = $"{summary.Passed} of {Figures.Count(summary.Cases ?? 0, "case")} passed ({Figures.Percent(summary.PassRate ?? 0)})";
        var compared = checks.Any(c => c.Name.StartsWith("comparison.", StringComparison.Ordinal));
        return compared ? $"{headline}, every threshold is met and nothing regressed against the baseline beyond the allowed margin"
            : $"{headline} and every threshold is met";
    }
}
