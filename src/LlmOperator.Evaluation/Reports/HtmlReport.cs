using System.Globalization;
using System.Text;
using LlmOperator.Api.V1Alpha1;
using LlmOperator.Evaluation.Reports.Html;
using LlmOperator.Evaluation.Running;

namespace LlmOperator.Evaluation.Reports;

/// <summary>
/// The run as one self-contained HTML page (<c>llmop eval --html</c>, and the dashboard's EvaluationRun
/// page): the verdict, the figures with their intervals, the candidate against the baseline per metric,
/// and every case with both answers side by side, differences marked, new failures first and filterable.
/// </summary>
public static class HtmlReport
{
    /// <summary>The id of the checkbox that shows only the new failures (a CSS rule hides the other rows).</summary>
    public const string NewFailuresFilter = "only-new-failures";

    /// <summary>The whole page of a finished run.</summary>
    public static string Build(EvaluationReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        return HtmlPage.Page($"Evaluation {report.RunName}", Body(RunResultsView.FromJson(JsonReport.Build(report))));
    }

    /// <summary>The page's main content.</summary>
    public static string Body(RunResultsView view)
    {
        ArgumentNullException.ThrowIfNull(view);
        var html = new StringBuilder();
        html.Append(CultureInfo.InvariantCulture, $"<h1>Evaluation {HtmlPage.Encode(view.Run)} {HtmlPage.Badge(view.Phase)}</h1>\n");
        if (view.Reason is { Length: > 0 } reason)
        {
            html.Append(CultureInfo.InvariantCulture, $"<p class=\"lead\">{HtmlPage.Encode(reason)}</p>\n");
        }

        if (view.Gate is { } gate)
        {
            html.Append(CultureInfo.InvariantCulture, $"<p class=\"note\">Gate <code>{HtmlPage.Encode(gate)}</code>.");
            html.Append(view.DryRun ? " This gate is a dry run: its verdict is recorded and never blocks.</p>\n" : "</p>\n");
        }

        if (view.Truncated is { } truncated)
        {
            html.Append(CultureInfo.InvariantCulture, $"<p class=\"note\">Not everything is shown: {HtmlPage.Encode(truncated)}.</p>\n");
        }

        Summary(html, view);
        Checks(html, view);
        Comparison(html, view);
        Cases(html, view);
        return html.ToString();
    }

    private static void Summary(StringBuilder html, RunResultsView view)
    {
        if (view.Summary is not { } candidate)
        {
            html.Append("<p class=\"note\">No figures yet: the run has not reported.</p>\n");
            return;
        }

        var columns = new List<(string Name, EvaluationSummary Summary, EndpointView? Endpoint)> { ("Candidate", candidate, view.Candidate) };
        if (view.BaselineSummary is { } baseline)
        {
            columns.Add(("Baseline", baseline, view.Baseline));
        }

        html.Append("<h2 id=\"summary\">Summary</h2>\n<table aria-labelledby=\"summary\">\n<thead><tr><th scope=\"col\">Figure</th>");
        foreach (var column in columns)
        {
            html.Append(CultureInfo.InvariantCulture, $"<th scope=\"col\">{column.Name}</th>");
        }

        html.Append("</tr></thead>\n<tbody>\n");
        if (columns.Any(c => c.Endpoint?.Model is not null))
        {
            Row(html, "Model", columns.Select(c => $"<code>{HtmlPage.Encode(c.Endpoint?.Model)}</code>"));
        }

        Row(html, "Cases (passed / failed / errors)", columns.Select(c => HtmlPage.Encode(
            $"{c.Summary.Cases ?? 0} ({c.Summary.Passed ?? 0} / {c.Summary.Failed ?? 0} / {c.Summary.Errors ?? 0})")));
        Row(html, "Pass rate (95% interval)", columns.Select(c =>
            HtmlPage.Percent(c.Summary.PassRate) + " " +
            (c.Summary.PassRateLower is null ? "" : $"({HtmlPage.Percent(c.Summary.PassRateLower)}–{HtmlPage.Percent(c.Summary.PassRateUpper)}) ") +
            IntervalSvg.Render(
                c.Summary.PassRate,
                c.Summary.PassRateLower,
                c.Summary.PassRateUpper,
                0,
                1,
                c.Name == "Candidate" ? view.BaselineSummary?.PassRate : null,
                $"{c.Name} pass rate {HtmlPage.Percent(c.Summary.PassRate)}, interval {HtmlPage.Percent(c.Summary.PassRateLower)} to " +
                $"{HtmlPage.Percent(c.Summary.PassRateUpper)}")));
        Row(html, "Error rate", columns.Select(c => HtmlPage.Percent(c.Summary.ErrorRate)));
        Row(html, "Latency p50 / p95", columns.Select(c => c.Summary.LatencyP50Ms is { } p50
            ? $"{HtmlPage.Number(Math.Round(p50))} ms / {HtmlPage.Number(Math.Round(c.Summary.LatencyP95Ms ?? p50))} ms"
            : "–"));
        Row(html, "Tokens (prompt / completion)", columns.Select(c =>
            $"{HtmlPage.Number(c.Summary.PromptTokens)} / {HtmlPage.Number(c.Summary.CompletionTokens)}"));
        Row(html, "Cost", columns.Select(c => HtmlPage.Number(c.Summary.Cost)));
        foreach (var metric in columns.SelectMany(c => c.Summary.Scores?.Keys ?? Enumerable.Empty<string>()).Distinct().Order(StringComparer.Ordinal))
        {
            Row(html, $"Metric {metric}", columns.Select(c => HtmlPage.Number(c.Summary.Scores?.GetValueOrDefault(metric))));
        }

        html.Append("</tbody>\n</table>\n");
    }

    private static void Checks(StringBuilder html, RunResultsView view)
    {
        if (view.Checks.Count == 0)
        {
            return;
        }

        html.Append("<h2 id=\"checks\">Checks</h2>\n<table aria-labelledby=\"checks\">\n<thead><tr><th scope=\"col\">Check</th>")
            .Append("<th scope=\"col\">Result</th><th scope=\"col\">Why</th></tr></thead>\n<tbody>\n");
        foreach (var check in view.Checks)
        {
            html.Append(CultureInfo.InvariantCulture, $"<tr><th scope=\"row\">{HtmlPage.Encode(check.Name)}")
                .Append(CultureInfo.InvariantCulture, $"</th><td>{HtmlPage.Badge(check.Status.ToString())}</td>")
                .Append(CultureInfo.InvariantCulture, $"<td>{HtmlPage.Encode(check.Sentence)}</td></tr>\n");
        }

        html.Append("</tbody>\n</table>\n");
    }

    private static void Comparison(StringBuilder html, RunResultsView view)
    {
        if (view.Comparison is not { Metrics.Count: > 0 } comparison)
        {
            return;
        }

        html.Append(CultureInfo.InvariantCulture, $"<h2 id=\"comparison\">Candidate against baseline {HtmlPage.Encode(comparison.Baseline)}</h2>\n")
            .Append("<table aria-labelledby=\"comparison\">\n<thead><tr><th scope=\"col\">Metric</th><th scope=\"col\">Candidate</th>")
            .Append("<th scope=\"col\">Baseline</th><th scope=\"col\">Change (95% interval)</th><th scope=\"col\">p</th>")
            .Append("<th scope=\"col\">Regressed</th></tr></thead>\n<tbody>\n");
        foreach (var metric in comparison.Metrics)
        {
            var spread = new[] { Math.Abs(metric.Lower ?? 0), Math.Abs(metric.Upper ?? 0), Math.Abs(metric.Delta ?? 0), 0.05 }.Max();
            html.Append(CultureInfo.InvariantCulture, $"<tr><th scope=\"row\">{HtmlPage.Encode(metric.Name)}</th>")
                .Append(CultureInfo.InvariantCulture, $"<td class=\"num\">{HtmlPage.Number(metric.Candidate)}</td>")
                .Append(CultureInfo.InvariantCulture, $"<td class=\"num\">{HtmlPage.Number(metric.Baseline)}</td>")
                .Append(CultureInfo.InvariantCulture, $"<td>{HtmlPage.Number(metric.Delta)} ")
                .Append(CultureInfo.InvariantCulture, $"({HtmlPage.Number(metric.Lower)} to {HtmlPage.Number(metric.Upper)}) ")
                .Append(IntervalSvg.Render(
                    metric.Delta,
                    metric.Lower,
                    metric.Upper,
                    -spread,
                    spread,
                    0,
                    $"{metric.Name} change {HtmlPage.Number(metric.Delta)}, interval {HtmlPage.Number(metric.Lower)} to {HtmlPage.Number(metric.Upper)}"))
                .Append(CultureInfo.InvariantCulture, $"</td><td class=\"num\">{HtmlPage.Number(metric.PValue)}</td>")
                .Append(CultureInfo.InvariantCulture, $"<td>{(metric.Regressed == true ? HtmlPage.Badge("Regressed") : "no")}</td></tr>\n");
        }

        html.Append("</tbody>\n</table>\n");
    }

    // Every case, the ones to look at first: new failures, then critical ones that did not pass, then other failures and errors.
    private static void Cases(StringBuilder html, RunResultsView view)
    {
        if (view.Candidate is not { } candidate)
        {
            return;
        }

        var newFailures = view.NewFailures();
        var baseline = view.Baseline?.Cases.ToDictionary(c => c.Id, StringComparer.Ordinal);
        // Results written before they carried each case's input have no input column.
        var inputs = candidate.Cases.Any(c => c.Input is not null);
        var ordered = candidate.Cases
            .OrderBy(c => newFailures.Contains(c.Id) ? 0 : c.Passed ? 3 : c.Critical ? 1 : 2)
            .ThenBy(c => c.Outcome == "Error" ? 1 : 0)
            .ThenBy(c => c.Id, StringComparer.Ordinal)
            .ToList();
        html.Append(CultureInfo.InvariantCulture, $"<h2 id=\"cases\">Cases ({candidate.Cases.Count(c => !c.Passed)} of {candidate.Cases.Count} did not pass)")
            .Append("</h2>\n")
            .Append("<div class=\"cases\">\n")
            .Append(CultureInfo.InvariantCulture, $"<input type=\"checkbox\" id=\"{NewFailuresFilter}\">")
            .Append(CultureInfo.InvariantCulture, $"<label class=\"filter\" for=\"{NewFailuresFilter}\">Show only new failures ({newFailures.Count})</label>\n")
            .Append("<table id=\"case-table\" aria-labelledby=\"cases\">\n<thead><tr><th scope=\"col\">Case</th><th scope=\"col\">Outcome</th>")
            .Append(inputs ? "<th scope=\"col\">Input</th>" : "")
            .Append("<th scope=\"col\">Candidate answer</th>");
        if (baseline is not null)
        {
            html.Append("<th scope=\"col\">Baseline answer</th>");
        }

        html.Append("<th scope=\"col\">Assertions</th></tr></thead>\n<tbody>\n");
        foreach (var result in ordered)
        {
            var isNew = newFailures.Contains(result.Id);
            var before = baseline?.GetValueOrDefault(result.Id);
            html.Append(CultureInfo.InvariantCulture, $"<tr class=\"case{(isNew ? " new-failure" : "")}\" data-case=\"{HtmlPage.Encode(result.Id)}\">")
                .Append(CultureInfo.InvariantCulture, $"<th scope=\"row\">{HtmlPage.Encode(result.Id)}")
                .Append(result.Critical ? " <span class=\"muted\">(critical)</span>" : "")
                .Append("</th>")
                .Append(CultureInfo.InvariantCulture, $"<td>{HtmlPage.Badge(result.Outcome)}{(isNew ? "<br><strong>new failure</strong>" : "")}");
            if (before is not null)
            {
                html.Append(CultureInfo.InvariantCulture, $"<br><span class=\"muted\">baseline: {HtmlPage.Encode(before.Outcome)}</span>");
            }

            html.Append("</td>");
            if (inputs)
            {
                html.Append(CultureInfo.InvariantCulture, $"<td><pre class=\"input\">{HtmlPage.Encode(result.Input ?? before?.Input ?? "")}</pre></td>");
            }

            if (baseline is not null)
            {
                var (left, right) = WordDiff.Mark(before?.Answer, result.Answer);
                html.Append(CultureInfo.InvariantCulture, $"<td><pre class=\"answer\">{right}</pre></td><td><pre class=\"answer\">{left}</pre></td>");
            }
            else
            {
                html.Append(CultureInfo.InvariantCulture, $"<td><pre class=\"answer\">{HtmlPage.Encode(result.Answer)}</pre></td>");
            }

            html.Append("<td>");
            Assertions(html, result);
            html.Append("</td></tr>\n");
        }

        html.Append("</tbody>\n</table>\n</div>\n");
    }

    private static void Assertions(StringBuilder html, CaseView result)
    {
        if (result.Assertions.Count == 0)
        {
            html.Append(HtmlPage.Encode(result.Problem ?? ""));
            return;
        }

        html.Append("<ul class=\"assertions\">");
        foreach (var assertion in result.Assertions)
        {
            html.Append(CultureInfo.InvariantCulture, $"<li>{(assertion.Pass ? "pass" : "<strong>fail</strong>")}: {HtmlPage.Encode(assertion.Type)}")
                .Append(assertion.Reason is { Length: > 0 } why ? $" – {HtmlPage.Encode(why)}" : "")
                .Append("</li>");
        }

        html.Append("</ul>");
    }

    private static void Row(StringBuilder html, string name, IEnumerable<string> cells)
    {
        html.Append(CultureInfo.InvariantCulture, $"<tr><th scope=\"row\">{HtmlPage.Encode(name)}</th>");
        foreach (var cell in cells)
        {
            html.Append(CultureInfo.InvariantCulture, $"<td>{cell}</td>");
        }

        html.Append("</tr>\n");
    }
}
