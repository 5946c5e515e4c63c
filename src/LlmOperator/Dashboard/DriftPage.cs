using System.Globalization;
using System.Text;
using LlmOperator.Api.V1Alpha1;
using LlmOperator.Evaluation.Reports.Html;

namespace LlmOperator.Dashboard;

/// <summary>
/// A model's drift page: for each gate its scheduled verdicts over time as a chart with the releases and
/// the fallback marked (<see cref="DriftChart"/>), and the same runs as a table.
/// </summary>
internal static class DriftPage
{
    /// <summary>The main content.</summary>
    public static string Render(ModelDeployment model)
    {
        var name = model.Metadata.Name;
        var status = model.Status ?? new ModelDeploymentStatus();
        var html = new StringBuilder();
        html.Append(CultureInfo.InvariantCulture, $"<h1>Drift of {DashboardFormat.Link(DashboardPaths.Rollout(name), name)}</h1>\n");
        if (status.ServingFallback is { } fallback)
        {
            html.Append(CultureInfo.InvariantCulture, $"<p class=\"lead\">Served by fallback {HtmlPage.Encode(fallback.Name)} instead of drifted revision ")
                .Append(CultureInfo.InvariantCulture, $"{HtmlPage.Encode(fallback.Replacing)} since {HtmlPage.Time(fallback.Since)}.</p>\n");
        }

        if (status.ScheduledVerdicts is not { Count: > 0 } verdicts)
        {
            html.Append("<p class=\"note\">No scheduled evaluations have run yet.</p>\n");
            return html.ToString();
        }

        var releases = status.History ?? [];
        foreach (var gate in verdicts.GroupBy(v => v.Gate, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var runs = gate.OrderBy(v => v.Time ?? DateTime.MinValue).ToList();
            var heading = "gate-" + string.Concat(gate.Key.Select(c => char.IsAsciiLetterOrDigit(c) ? c : '-'));
            html.Append(CultureInfo.InvariantCulture, $"<h2 id=\"{heading}\">Gate {HtmlPage.Encode(gate.Key)}</h2>\n")
                .Append(DriftChart.Render(gate.Key, runs, releases, status.ServingFallback))
                .Append('\n')
                .Append(CultureInfo.InvariantCulture, $"<table aria-labelledby=\"{heading}\">\n<thead><tr>")
                .Append("<th scope=\"col\">Run</th><th scope=\"col\">Revision</th>")
                .Append("<th scope=\"col\">Time</th><th scope=\"col\">Phase</th><th scope=\"col\">Pass rate (95% interval)")
                .Append("</th><th scope=\"col\">Drift</th></tr></thead>\n<tbody>\n");
            foreach (var run in runs)
            {
                html.Append(CultureInfo.InvariantCulture, $"<tr><th scope=\"row\">{DashboardFormat.Link(DashboardPaths.Run(run.Run), run.Run)}</th>")
                    .Append(CultureInfo.InvariantCulture, $"<td>{DashboardFormat.OrDash(run.Revision)}</td><td>{HtmlPage.Time(run.Time)}</td>")
                    .Append(CultureInfo.InvariantCulture, $"<td>{HtmlPage.Badge(run.Phase?.ToString())}</td>")
                    .Append(CultureInfo.InvariantCulture, $"<td class=\"num\">{HtmlPage.Percent(run.PassRate)} ")
                    .Append(CultureInfo.InvariantCulture, $"({HtmlPage.Percent(run.PassRateLower)}–{HtmlPage.Percent(run.PassRateUpper)})")
                    .Append("</td>")
                    .Append(CultureInfo.InvariantCulture, $"<td>{(run.Drifted == true ? HtmlPage.Badge("Drifted") : "none")}</td></tr>\n");
            }

            html.Append("</tbody>\n</table>\n");
        }

        return html.ToString();
    }
}
