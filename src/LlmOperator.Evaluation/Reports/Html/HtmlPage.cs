using System.Globalization;
using System.Net;
using System.Text;

namespace LlmOperator.Evaluation.Reports.Html;

/// <summary>
/// What every page of the HTML reports and the dashboard shares: escaping, one self-contained document
/// with its style inline (nothing is fetched, so it works offline, as a CI artifact or behind a
/// port-forward), phase badges and number formats.
/// </summary>
public static class HtmlPage
{
    // Colours chosen for WCAG AA contrast (at least 4.5:1) of text on its background.
    private const string Style = """
        :root { color-scheme: light; --ink: #1b1f24; --muted: #4a525c; --line: #c9d1d9; --head: #eef1f4; --link: #0b57b0; }
        * { box-sizing: border-box; }
        body { margin: 0; font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--ink); background: #fff; }
        header.site { background: #16324f; color: #fff; padding: .6rem 1.2rem; display: flex; gap: 1.2rem; align-items: baseline; }
        header.site a { color: #fff; font-weight: 600; text-decoration: none; }
        header.site span { color: #d5e3f0; }
        main { padding: 1rem 1.2rem 2rem; max-width: 1400px; }
        h1 { font-size: 1.45rem; margin: .2rem 0 .6rem; } h2 { font-size: 1.15rem; margin: 1.6rem 0 .5rem; }
        a { color: var(--link); }
        p.lead { font-size: 1.05rem; margin: .2rem 0 .8rem; } p.note, .muted { color: var(--muted); }
        table { border-collapse: collapse; margin: .4rem 0 1rem; min-width: 40%; }
        th, td { border: 1px solid var(--line); padding: .35rem .6rem; text-align: left; vertical-align: top; }
        thead th, tbody th[scope=row] { background: var(--head); }
        td.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
        .badge { display: inline-block; border-radius: .8rem; padding: 0 .6rem; font-size: .85rem; font-weight: 600; border: 1px solid; white-space: nowrap; }
        .badge.good { color: #0f5323; background: #e3f4e8; border-color: #7cc293; }
        .badge.bad { color: #8f1116; background: #fde7e8; border-color: #e79ca0; }
        .badge.busy { color: #6b4200; background: #fff1d6; border-color: #e6b866; }
        .badge.idle { color: #343a40; background: #eceff2; border-color: #b3bbc4; }
        pre.answer, pre.input { margin: 0; white-space: pre-wrap; word-break: break-word; max-width: 38rem; font: 13px/1.4 ui-monospace, monospace; }
        pre.input { max-width: 24rem; color: #333; }
        del { background: #fde7e8; color: #8f1116; } ins { background: #e3f4e8; color: #0f5323; text-decoration: none; }
        tr.new-failure > th { border-left: 4px solid #b3261e; }
        ul.assertions { margin: 0; padding-left: 1.1rem; }
        .filter { margin: .3rem 0; display: inline-flex; gap: .4rem; align-items: center; }
        #only-new-failures:checked ~ table tbody tr:not(.new-failure) { display: none; }
        ol.steps { list-style: none; padding: 0; display: flex; flex-wrap: wrap; gap: .4rem; }
        ol.steps li { border: 1px solid var(--line); border-radius: .4rem; padding: .3rem .6rem; background: #fff; }
        ol.steps li.done { background: #e3f4e8; border-color: #7cc293; }
        ol.steps li.current { background: #fff1d6; border-color: #b07400; border-width: 2px; font-weight: 600; }
        ol.steps li.aborted { background: #fde7e8; border-color: #b3261e; border-width: 2px; }
        dl.fields { display: grid; grid-template-columns: max-content auto; gap: .2rem 1rem; margin: .4rem 0 1rem; }
        dl.fields dt { font-weight: 600; } dl.fields dd { margin: 0; }
        form.actions { display: inline; } form.actions button { margin-right: .4rem; padding: .3rem .8rem; font: inherit; cursor: pointer; }
        svg text { font: 12px system-ui, sans-serif; fill: var(--ink); }
        .message[role=status] { padding: .4rem .6rem; background: #eef1f4; border-left: 4px solid #16324f; }
        """;

    /// <summary>Text made safe inside an element or a quoted attribute.</summary>
    public static string Encode(string? text) => WebUtility.HtmlEncode(text ?? "");

    /// <summary>
    /// A whole HTML document: <paramref name="title"/>, a site header (a link home when
    /// <paramref name="home"/> is given), <paramref name="main"/> as the main content, and an optional inline script.
    /// </summary>
    public static string Page(string title, string main, string? home = null, string? script = null)
    {
        ArgumentNullException.ThrowIfNull(title);
        ArgumentNullException.ThrowIfNull(main);
        var page = new StringBuilder();
        page.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
            .Append("<title>").Append(Encode(title)).Append("</title>\n<style>\n").Append(Style).Append("\n</style>\n</head>\n<body>\n")
            .Append("<header class=\"site\">")
            .Append(home is null ? "<strong>LlmOperator</strong>" : $"<a href=\"{Encode(home)}\">LlmOperator</a>")
            .Append("<span>").Append(Encode(title)).Append("</span></header>\n")
            .Append("<main id=\"main\">\n").Append(main).Append("</main>\n");
        if (script is not null)
        {
            page.Append("<script>\n").Append(script).Append("\n</script>\n");
        }

        return page.Append("</body>\n</html>\n").ToString();
    }

    /// <summary>A phase, verdict or result as a coloured badge; the word is always shown, so the colour only repeats it.</summary>
    public static string Badge(string? phase)
    {
        var text = string.IsNullOrEmpty(phase) ? "Unknown" : phase;
        var tone = text switch
        {
            "Passed" or "Healthy" or "Promoted" or "Met" or "Active" or "Ready" => "good",
            "Failed" or "Degraded" or "Aborted" or "Error" or "RolledBack" or "Drifted" or "Rejected" => "bad",
            "Progressing" or "Running" or "Paused" or "Pending" or "Inconclusive" or "Evaluating" => "busy",
            _ => "idle",
        };
        return $"<span class=\"badge {tone}\">{Encode(text)}</span>";
    }

    /// <summary>A share from 0 to 1 as a percentage with one decimal, or a dash.</summary>
    public static string Percent(double? share) => share is { } s ? (s * 100).ToString("0.0", CultureInfo.InvariantCulture) + "%" : "–";

    /// <summary>A number with up to four decimals, or a dash.</summary>
    public static string Number(double? value) => value?.ToString("0.####", CultureInfo.InvariantCulture) ?? "–";

    /// <summary>A time as UTC to the minute, or a dash.</summary>
    public static string Time(DateTime? time) =>
        time is { } t ? (t.Kind == DateTimeKind.Local ? t.ToUniversalTime() : t).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) + " UTC" : "–";
}
