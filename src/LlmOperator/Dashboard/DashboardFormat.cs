using LlmOperator.Evaluation.Reports.Html;
using LlmOperator.Sandbox.Tables;

namespace LlmOperator.Dashboard;

/// <summary>How the dashboard's pages print what is not a report figure: links, ages and revisions.</summary>
internal static class DashboardFormat
{
    /// <summary>A link with its text escaped.</summary>
    public static string Link(string href, string text) => $"<a href=\"{HtmlPage.Encode(href)}\">{HtmlPage.Encode(text)}</a>";

    /// <summary>How long ago <paramref name="time"/> was, as kubectl prints ages, or a dash.</summary>
    public static string Age(DateTime? time, DateTimeOffset now) => time is { } t ? HumanDuration.Format(now - Utc(t)) : "–";

    /// <summary>A value or a dash.</summary>
    public static string OrDash(string? text) => string.IsNullOrEmpty(text) ? "–" : HtmlPage.Encode(text);

    /// <summary>A time from the API as UTC: KubernetesClient reads UTC, a value built in code may be of another kind.</summary>
    public static DateTimeOffset Utc(DateTime time) => time.Kind == DateTimeKind.Local
        ? new DateTimeOffset(time.ToUniversalTime(), TimeSpan.Zero)
        : new DateTimeOffset(DateTime.SpecifyKind(time, DateTimeKind.Utc), TimeSpan.Zero);
}
