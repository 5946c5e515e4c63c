using System.Globalization;
using System.Text;
using LlmOperator.Api.V1Alpha1;
using LlmOperator.Cli;
using LlmOperator.Controllers.Common;
using LlmOperator.Evaluation.Reports.Html;

namespace LlmOperator.Dashboard;

/// <summary>
/// A ModelDeployment's page: a pipeline's components, where its rollout stands on the timeline of its steps, its EvaluationRuns
/// with their verdicts, its releases, its conditions and, when the dashboard allows them, the promote,
/// abort and retry buttons. A pure function of the objects and the time.
/// </summary>
internal static class RolloutPage
{
    /// <summary>
    /// The main content; <paramref name="message"/> is the outcome of the last action, if any, and
    /// <paramref name="neighbours"/> the namespace's ModelDeployments and PromptVersions, which a pipeline's components are.
    /// </summary>
    public static string Render(
        RolloutObjects objects,
        bool allowActions,
        string? message,
        DateTimeOffset now,
        (IReadOnlyList<ModelDeployment> Models, IReadOnlyList<PromptVersion> Prompts)? neighbours = null)
    {
        var model = objects.Model;
        var name = model.Metadata.Name;
        var status = model.Status ?? new ModelDeploymentStatus();
        var html = new StringBuilder();
        html.Append(CultureInfo.InvariantCulture, $"<h1>{HtmlPage.Encode(name)} ")
            .Append(CultureInfo.InvariantCulture, $"<span class=\"phase\">{HtmlPage.Badge(status.Phase?.ToString())}</span></h1>\n");
        if (status.Message is { Length: > 0 } said)
        {
            html.Append(CultureInfo.InvariantCulture, $"<p class=\"lead\">{HtmlPage.Encode(said)}</p>\n");
        }

        if (message is not null)
        {
            html.Append(CultureInfo.InvariantCulture, $"<p class=\"message\" role=\"status\">{HtmlPage.Encode(message)}</p>\n");
        }

        Fields(html, model, status);
        if (allowActions)
        {
            Actions(html, name);
        }

        if (model.Spec.Pipeline is { } pipeline && neighbours is var (models, prompts))
        {
            PipelineComponents.Render(html, pipeline, models, prompts);
        }

        Steps(html, model, status);
        Runs(html, objects.Runs, now);
        History(html, status.History, now);
        Conditions(html, status.Conditions, now);
        return html.ToString();
    }

    private static void Fields(StringBuilder html, ModelDeployment model, ModelDeploymentStatus status)
    {
        html.Append("<dl class=\"fields\">\n");
        Field(html, "Namespace", DashboardFormat.OrDash(model.Metadata.NamespaceProperty));
        Field(html, "Stable revision", DashboardFormat.OrDash(status.StableRevision));
        Field(html, "Canary revision", string.IsNullOrEmpty(status.CanaryRevision)
            ? "–"
            : $"{HtmlPage.Encode(status.CanaryRevision)} ({HtmlPage.Encode(model.Spec.Model.Name)})");
        Field(html, "Canary weight", HtmlPage.Encode(Invariant($"{status.CanaryWeight ?? 0}%")));
        Field(html, "Served model", DashboardFormat.OrDash(status.ServedModel));
        Field(html, "Endpoint", DashboardFormat.OrDash(status.Endpoint));
        if (status.ServingFallback is { } fallback)
        {
            Field(html, "Serving fallback", HtmlPage.Encode(
                $"{fallback.Name} ({fallback.ServedModel}, revision {fallback.Revision}) instead of drifted revision {fallback.Replacing} "
                + $"since {HtmlPage.Time(fallback.Since)}"));
        }

        if (status.Dependents is { Count: > 0 } dependents)
        {
            Field(html, "Judged by pipelines", string.Join(", ", dependents.Select(d => DashboardFormat.Link(DashboardPaths.Rollout(d), d))));
        }

        var drift = DashboardFormat.Link(DashboardPaths.Drift(model.Metadata.Name), "scheduled runs over time");
        Field(html, "Drift", status.ScheduledVerdicts is { Count: > 0 } ? drift : "–");
        html.Append("</dl>\n");
    }

    private static void Field(StringBuilder html, string name, string value) =>
        html.Append(CultureInfo.InvariantCulture, $"<dt>{HtmlPage.Encode(name)}</dt><dd>{value}</dd>\n");

    private static void Actions(StringBuilder html, string name)
    {
        html.Append("<div class=\"actions\" aria-label=\"Actions\">");
        foreach (var action in DashboardPaths.Actions)
        {
            var target = HtmlPage.Encode(DashboardPaths.Action(name, action));
            html.Append(CultureInfo.InvariantCulture, $"<form class=\"actions\" method=\"post\" action=\"{target}\">")
                .Append(CultureInfo.InvariantCulture, $"<button type=\"submit\">{char.ToUpperInvariant(action[0])}{action[1..]}</button></form>");
        }

        html.Append("</div>\n");
    }

    private static void Steps(StringBuilder html, ModelDeployment model, ModelDeploymentStatus status)
    {
        var steps = model.Spec.Rollout?.Steps ?? [];
        html.Append("<h2 id=\"steps\">Steps</h2>\n");
        if (steps.Count == 0)
        {
            html.Append("<p class=\"note\">No steps: a new revision is promoted as soon as it is ready.</p>\n");
            return;
        }

        var rolling = !string.IsNullOrEmpty(status.CanaryRevision);
        var current = status.CurrentStepIndex ?? 0;
        html.Append("<ol class=\"steps\" aria-labelledby=\"steps\">\n");
        for (var i = 0; i < steps.Count; i++)
        {
            var marker = rolling ? RolloutView.Marker(i, current, status) : "pending";
            var tone = marker is "paused" ? "current" : marker;
            html.Append(CultureInfo.InvariantCulture, $"<li class=\"{tone}\"{(tone == "current" ? " aria-current=\"step\"" : "")}>")
                .Append(CultureInfo.InvariantCulture, $"{i + 1}. {HtmlPage.Encode(RolloutView.Describe(steps[i]))} ")
                .Append(CultureInfo.InvariantCulture, $"<span class=\"muted\">({marker})</span></li>\n");
        }

        html.Append("</ol>\n");
        if (!rolling)
        {
            html.Append("<p class=\"note\">No rollout in progress.</p>\n");
        }
    }

    private static void Runs(StringBuilder html, IReadOnlyList<EvaluationRun> runs, DateTimeOffset now)
    {
        html.Append("<h2 id=\"runs\">Evaluation runs</h2>\n");
        if (runs.Count == 0)
        {
            html.Append("<p class=\"note\">None yet.</p>\n");
            return;
        }

        html.Append("<table aria-labelledby=\"runs\">\n<thead><tr><th scope=\"col\">Run</th><th scope=\"col\">Revision</th><th scope=\"col\">Phase</th>")
            .Append("<th scope=\"col\">Pass rate</th><th scope=\"col\">Verdict</th><th scope=\"col\">Age</th></tr></thead>\n<tbody>\n");
        foreach (var run in runs.OrderByDescending(r => r.Metadata.CreationTimestamp ?? DateTime.MinValue).ThenBy(r => r.Metadata.Name, StringComparer.Ordinal))
        {
            html.Append(CultureInfo.InvariantCulture, $"<tr><th scope=\"row\">{DashboardFormat.Link(DashboardPaths.Run(run.Metadata.Name), run.Metadata.Name)}")
                .Append("</th>")
                .Append(CultureInfo.InvariantCulture, $"<td>{DashboardFormat.OrDash(ModelDeploymentNames.Label(run, WellKnownLabels.Revision))}</td>")
                .Append(CultureInfo.InvariantCulture, $"<td>{HtmlPage.Badge((run.Status?.Phase ?? EvaluationPhase.Pending).ToString())}</td>")
                .Append(CultureInfo.InvariantCulture, $"<td class=\"num\">{HtmlPage.Percent(run.Status?.Summary?.PassRate)}</td>")
                .Append(CultureInfo.InvariantCulture, $"<td>{DashboardFormat.OrDash(run.Status?.Verdict)}</td>")
                .Append(CultureInfo.InvariantCulture, $"<td>{DashboardFormat.Age(run.Metadata.CreationTimestamp, now)}</td></tr>\n");
        }

        html.Append("</tbody>\n</table>\n");
    }

    private static void History(StringBuilder html, List<RolloutHistoryEntry>? history, DateTimeOffset now)
    {
        if (history is not { Count: > 0 })
        {
            return;
        }

        html.Append("<h2 id=\"history\">Releases</h2>\n<table aria-labelledby=\"history\">\n<thead><tr><th scope=\"col\">Revision</th>")
            .Append("<th scope=\"col\">Result</th><th scope=\"col\">Model</th><th scope=\"col\">When")
            .Append("</th><th scope=\"col\">Message</th></tr></thead>\n<tbody>\n");
        foreach (var entry in history)
        {
            html.Append(CultureInfo.InvariantCulture, $"<tr><th scope=\"row\">{HtmlPage.Encode(entry.Revision)}")
                .Append(CultureInfo.InvariantCulture, $"</th><td>{HtmlPage.Badge(entry.Result.ToString())}</td>")
                .Append(CultureInfo.InvariantCulture, $"<td>{DashboardFormat.OrDash(entry.Model)}</td>")
                .Append(CultureInfo.InvariantCulture, $"<td>{HtmlPage.Time(entry.Time)} ({DashboardFormat.Age(entry.Time, now)} ago)</td>")
                .Append(CultureInfo.InvariantCulture, $"<td>{DashboardFormat.OrDash(entry.Message)}</td></tr>\n");
        }

        html.Append("</tbody>\n</table>\n");
    }

    private static void Conditions(StringBuilder html, List<Condition>? conditions, DateTimeOffset now)
    {
        if (conditions is not { Count: > 0 })
        {
            return;
        }

        html.Append("<h2 id=\"conditions\">Conditions</h2>\n<table aria-labelledby=\"conditions\">\n<thead><tr><th scope=\"col\">Type</th>")
            .Append("<th scope=\"col\">Status</th><th scope=\"col\">Reason</th><th scope=\"col\">Age")
            .Append("</th><th scope=\"col\">Message</th></tr></thead>\n<tbody>\n");
        foreach (var condition in conditions)
        {
            html.Append(CultureInfo.InvariantCulture, $"<tr><th scope=\"row\">{HtmlPage.Encode(condition.Type)}</th><td>{condition.Status}</td>")
                .Append(CultureInfo.InvariantCulture, $"<td>{HtmlPage.Encode(condition.Reason)}</td>")
                .Append(CultureInfo.InvariantCulture, $"<td>{DashboardFormat.Age(condition.LastTransitionTime, now)}</td>")
                .Append(CultureInfo.InvariantCulture, $"<td>{DashboardFormat.OrDash(condition.Message)}</td></tr>\n");
        }

        html.Append("</tbody>\n</table>\n");
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
