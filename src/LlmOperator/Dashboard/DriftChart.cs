using System.Globalization;
using System.Text;
using LlmOperator.Api.V1Alpha1;
using LlmOperator.Evaluation.Reports.Html;

namespace LlmOperator.Dashboard;

/// <summary>
/// One gate's scheduled verdicts over time as an SVG chart drawn on the server: a point per run at its
/// pass rate with its interval (red when the run found drift), the releases as dashed lines and the time
/// served by a fallback shaded. The page prints the same figures in a table beside it.
/// </summary>
internal static class DriftChart
{
    private const double Width = 760;
    private const double Height = 260;
    private const double Left = 52;
    private const double Right = 20;
    private const double Top = 22;
    private const double Bottom = 40;

    /// <summary>The chart of <paramref name="verdicts"/> (one gate's, any order), or an empty string when there are none.</summary>
    public static string Render(
        string gate, IReadOnlyList<ScheduledVerdict> verdicts, IReadOnlyList<RolloutHistoryEntry> releases, ServingFallbackStatus? fallback)
    {
        var timed = verdicts.Where(v => v.Time is not null).OrderBy(v => v.Time).ToList();
        if (timed.Count == 0)
        {
            return "";
        }

        // The chart starts at the release the first run is measured from, when there is one.
        var last = DashboardFormat.Utc(timed[^1].Time!.Value);
        var first = DashboardFormat.Utc(timed[0].Time!.Value);
        var promoted = releases.Where(r => r.Result == RolloutResult.Promoted).Select(r => DashboardFormat.Utc(r.Time)).ToList();
        if (promoted.Where(t => t <= first).DefaultIfEmpty(first).Max() is var measuredFrom && measuredFrom < first)
        {
            first = measuredFrom;
        }

        var pad = last > first ? (last - first) / 20 : TimeSpan.FromHours(1);
        var (from, to) = (first - pad, last + pad);
        double X(DateTimeOffset t) => Left + ((t - from) / (to - from) * (Width - Left - Right));
        double Y(double share) => Top + ((1 - Math.Clamp(share, 0, 1)) * (Height - Top - Bottom));

        var id = "drift-" + string.Concat(gate.Select(c => char.IsAsciiLetterOrDigit(c) ? c : '-'));
        var drifted = timed.Count(v => v.Drifted == true);
        var svg = new StringBuilder();
        svg.Append(Invariant($"<svg class=\"drift\" data-gate=\"{HtmlPage.Encode(gate)}\" role=\"img\" aria-labelledby=\"{id}-title {id}-desc\" "))
            .Append(Invariant($"width=\"{Width}\" height=\"{Height}\" viewBox=\"0 0 {Width} {Height}\">"))
            .Append(Invariant($"<title id=\"{id}-title\">Pass rate of gate {HtmlPage.Encode(gate)} per scheduled run</title>"))
            .Append(Invariant($"<desc id=\"{id}-desc\">{timed.Count} scheduled runs from {HtmlPage.Time(timed[0].Time)} to {HtmlPage.Time(timed[^1].Time)}, "))
            .Append(Invariant($"{drifted} found drift; the table below lists them.</desc>"));
        if (fallback?.Since is { } since && DashboardFormat.Utc(since) < to)
        {
            var start = Math.Max(Left, X(DashboardFormat.Utc(since)));
            svg.Append(Invariant($"<rect class=\"fallback\" x=\"{start:0.#}\" y=\"{Top}\" width=\"{Width - Right - start:0.#}\" "))
                .Append(Invariant($"height=\"{Height - Top - Bottom}\" fill=\"#fde7e8\"/>"))
                .Append(Invariant($"<text x=\"{Width - Right - 4}\" y=\"{Height - Bottom - 8}\" text-anchor=\"end\">"))
                .Append(Invariant($"served by fallback {HtmlPage.Encode(fallback.Name)}</text>"));
        }

        foreach (var share in new[] { 0, 0.25, 0.5, 0.75, 1 })
        {
            svg.Append(Invariant($"<line x1=\"{Left}\" y1=\"{Y(share):0.#}\" x2=\"{Width - Right}\" y2=\"{Y(share):0.#}\" stroke=\"#d8dee4\"/>"))
                .Append(Invariant($"<text x=\"{Left - 6}\" y=\"{Y(share) + 4:0.#}\" text-anchor=\"end\">{share * 100:0}%</text>"));
        }

        foreach (var (release, at) in releases.Where(r => r.Result == RolloutResult.Promoted).Select(r => (r, DashboardFormat.Utc(r.Time))))
        {
            if (at < from || at > to)
            {
                continue;
            }

            var x = X(at);
            svg.Append(Invariant($"<line class=\"release\" x1=\"{x:0.#}\" y1=\"{Top - 8}\" x2=\"{x:0.#}\" y2=\"{Height - Bottom}\" stroke=\"#146c2e\" "))
                .Append("stroke-width=\"2\" stroke-dasharray=\"6 3\"/>")
                .Append(Invariant($"<text x=\"{x + 4:0.#}\" y=\"{Top - 10 + 8:0.#}\" fill=\"#146c2e\">release {HtmlPage.Encode(release.Revision)}</text>"));
        }

        svg.Append("<polyline fill=\"none\" stroke=\"#6b7885\" stroke-width=\"1.5\" points=\"")
            .AppendJoin(' ', timed.Where(v => v.PassRate is not null).Select(v => Coordinates(X(DashboardFormat.Utc(v.Time!.Value)), Y(v.PassRate!.Value))))
            .Append("\"/>");
        foreach (var verdict in timed)
        {
            Point(svg, verdict, X(DashboardFormat.Utc(verdict.Time!.Value)), Y);
        }

        svg.Append(Invariant($"<text x=\"{Left}\" y=\"{Height - 12}\">{HtmlPage.Time(from.UtcDateTime)}</text>"))
            .Append(Invariant($"<text x=\"{Width - Right}\" y=\"{Height - 12}\" text-anchor=\"end\">{HtmlPage.Time(to.UtcDateTime)}</text>"))
            .Append("</svg>");
        return svg.ToString();
    }

    private static void Point(StringBuilder svg, ScheduledVerdict verdict, double x, Func<double, double> y)
    {
        var colour = verdict.Drifted == true ? "#b3261e" : "#16324f";
        if (verdict is { PassRateLower: { } lower, PassRateUpper: { } upper })
        {
            svg.Append(Invariant($"<line class=\"interval\" x1=\"{x:0.#}\" y1=\"{y(lower):0.#}\" x2=\"{x:0.#}\" y2=\"{y(upper):0.#}\" "))
                .Append(Invariant($"stroke=\"{colour}\" stroke-width=\"2\"/>"));
        }

        var label = $"{verdict.Run}: {HtmlPage.Percent(verdict.PassRate)} at {HtmlPage.Time(verdict.Time)}{(verdict.Drifted == true ? ", drifted" : "")}";
        svg.Append(Invariant($"<circle class=\"point{(verdict.Drifted == true ? " drifted" : "")}\" data-run=\"{HtmlPage.Encode(verdict.Run)}\" "))
            .Append(Invariant($"cx=\"{x:0.#}\" cy=\"{y(verdict.PassRate ?? 0):0.#}\" r=\"5\" "))
            .Append(verdict.PassRate is null ? $"fill=\"#fff\" stroke=\"{colour}\" stroke-width=\"2\">" : $"fill=\"{colour}\">")
            .Append(Invariant($"<title>{HtmlPage.Encode(label)}</title></circle>"));
    }

    private static string Coordinates(double x, double y) => Invariant($"{x:0.#},{y:0.#}");

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
