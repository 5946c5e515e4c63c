using System.Globalization;
using System.Text;
using LlmOperator.Api.V1Alpha1;
using LlmOperator.Evaluation.Running;
using LlmOperator.Evaluation.Verdicts;

namespace LlmOperator.Evaluation.Reports;

/// <summary>The run as a Markdown summary for a pull request or a job log: verdict, figures, checks, comparison and the cases that did not pass.</summary>
public static class MarkdownReport
{
    /// <summary>The most cases listed under "did not pass".</summary>
    public const int MaxListedCases = 20;

    /// <summary>Builds the summary.</summary>
    public static string Build(EvaluationReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var verdict = report.Verdict;
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"# Evaluation {report.RunName}: {verdict.Phase}\n\n");
        text.Append(CultureInfo.InvariantCulture, $"> {verdict.Reason}\n\n");
        if (report.DryRun)
        {
            text.Append("This gate is a dry run: its verdict is recorded and never blocks.\n\n");
        }

        text.Append(
            CultureInfo.InvariantCulture,
            $"Gate `{report.GateName}`, dataset sha256 `{report.DatasetSha256[..Math.Min(12, report.DatasetSha256.Length)]}`, " +
            $"{report.Duration.TotalSeconds:0.0} s.\n\n");
        AppendSummary(text, report);
        text.Append("\n## Checks\n\n| Check | Result | Why |\n| --- | --- | --- |\n");
        foreach (var check in verdict.Checks)
        {
            text.Append(CultureInfo.InvariantCulture, $"| {check.Name} | {check.Status} | {Cell(check.Sentence)} |\n");
        }

        if (verdict.Comparison is { Metrics.Count: > 0 } comparison)
        {
            text.Append(CultureInfo.InvariantCulture, $"\n## Against the baseline ({Cell(comparison.Baseline ?? "")})\n\n");
            text.Append("| Metric | Candidate | Baseline | Change | CI | p | Regressed |\n| --- | --- | --- | --- | --- | --- | --- |\n");
            foreach (var m in comparison.Metrics)
            {
                text.Append(
                    CultureInfo.InvariantCulture,
                    $"| {m.Name} | {Number(m.Candidate)} | {Number(m.Baseline)} | {Number(m.Delta)} | {Number(m.Lower)} to {Number(m.Upper)} " +
                    $"| {Number(m.PValue)} | {(m.Regressed == true ? "yes" : "no")} |\n");
            }

            if (comparison.NewFailures is { Count: > 0 } newFailures)
            {
                text.Append(
                    CultureInfo.InvariantCulture,
                    $"\nNew failures (pass on the baseline, not on the candidate): {string.Join(", ", newFailures.Select(f => $"`{f}`"))}\n");
            }
        }

        AppendProblems(text, report);
        return text.ToString();
    }

    private static void AppendSummary(StringBuilder text, EvaluationReport report)
    {
        var summaries = new List<(string Name, EndpointResults Results, EvaluationSummary Summary)> { ("Candidate", report.Candidate, report.Verdict.Summary) };
        if (report.Baseline is { } baseline && report.Verdict.BaselineSummary is { } baselineSummary)
        {
            summaries.Add(("Baseline", baseline, baselineSummary));
        }

        text.Append("| | ")
            .Append(string.Join(" | ", summaries.Select(s => s.Name)))
            .Append(" |\n| --- |")
            .Append(string.Concat(summaries.Select(_ => " --- |")))
            .Append('\n');
        Row(text, "Model", summaries.Select(s => $"`{s.Results.Model}` at {s.Results.Url}"));
        Row(
            text,
            "Cases (passed / failed / errors)",
            summaries.Select(s => $"{s.Summary.Cases} ({s.Summary.Passed} / {s.Summary.Failed} / {s.Summary.Errors})"));
        Row(
            text,
            "Pass rate",
            summaries.Select(s =>
                $"{Figures.Percent(s.Summary.PassRate ?? 0)} " +
                $"(CI {Figures.Percent(s.Summary.PassRateLower ?? 0)}–{Figures.Percent(s.Summary.PassRateUpper ?? 1)})"));
        Row(text, "Error rate", summaries.Select(s => Figures.Percent(s.Summary.ErrorRate ?? 0)));
        Row(
            text,
            "Latency p50 / p95",
            summaries.Select(s => s.Summary.LatencyP50Ms is null
                ? "–"
                : $"{Figures.Milliseconds(s.Summary.LatencyP50Ms.Value)} / {Figures.Milliseconds(s.Summary.LatencyP95Ms!.Value)}"));
        Row(
            text,
            "Tokens (prompt / completion)",
            summaries.Select(s =>
                $"{s.Summary.PromptTokens?.ToString(CultureInfo.InvariantCulture) ?? "–"} / " +
                $"{s.Summary.CompletionTokens?.ToString(CultureInfo.InvariantCulture) ?? "–"}"));
        Row(text, "Cost", summaries.Select(s => Number(s.Summary.Cost)));
        var metrics = summaries
            .SelectMany(s => s.Summary.Scores?.Keys ?? Enumerable.Empty<string>())
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal);
        foreach (var metric in metrics)
        {
            Row(text, $"Metric `{metric}`", summaries.Select(s => Number(s.Summary.Scores?.GetValueOrDefault(metric))));
        }
    }

    private static void AppendProblems(StringBuilder text, EvaluationReport report)
    {
        var problems = report.Endpoints.SelectMany(e => e.Cases.Where(c => c.Outcome != CaseOutcome.Passed).Select(c => (e.Role, Case: c))).ToList();
        if (problems.Count == 0)
        {
            return;
        }

        text.Append(
            CultureInfo.InvariantCulture,
            $"\n## Cases that did not pass ({problems.Count})\n\n| Case | Endpoint | Outcome | Why |\n| --- | --- | --- | --- |\n");
        foreach (var (role, result) in problems.Take(MaxListedCases))
        {
            text.Append(
                CultureInfo.InvariantCulture,
                $"| `{result.Id}`{(result.Critical ? " (critical)" : "")} | {role} | {result.Outcome} | {Cell(result.Problem ?? "")} |\n");
        }

        if (problems.Count > MaxListedCases)
        {
            text.Append(CultureInfo.InvariantCulture, $"\n{problems.Count - MaxListedCases} more are in the JSON results.\n");
        }
    }

    private static void Row(StringBuilder text, string name, IEnumerable<string> cells) =>
        text.Append("| ").Append(name).Append(" | ").Append(string.Join(" | ", cells.Select(Cell))).Append(" |\n");

    private static string Number(double? value) => value?.ToString("0.####", CultureInfo.InvariantCulture) ?? "–";

    private static string Cell(string text) => text.Replace("|", "\\|", StringComparison.Ordinal).Replace("\n", " ", StringComparison.Ordinal);
}
