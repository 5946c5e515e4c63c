using System.Globalization;
using System.Text;
using LlmOperator.Api.V1Alpha1;
using LlmOperator.Controllers.ModelDeployments.Planning;
using LlmOperator.Evaluation.Reports.Html;
using LlmOperator.Pipelines.Compiling;

namespace LlmOperator.Dashboard;

/// <summary>
/// The dashboard's first page: every ModelDeployment (pipelines included) of the namespace with its
/// phase, revisions, traffic, step and last verdict, then every PromptVersion. A pure function of the objects.
/// </summary>
internal static class OverviewPage
{
    /// <summary>The main content for <paramref name="ns"/>.</summary>
    public static string Render(string ns, IReadOnlyList<ModelDeployment> models, IReadOnlyList<PromptVersion> prompts)
    {
        var html = new StringBuilder();
        html.Append(CultureInfo.InvariantCulture, $"<h1>Rollouts in namespace {HtmlPage.Encode(ns)}</h1>\n");
        if (models.Count == 0)
        {
            html.Append("<p class=\"note\">No ModelDeployments in this namespace.</p>\n");
        }
        else
        {
            html.Append("<table id=\"rollouts\" aria-label=\"ModelDeployments\">\n<thead><tr><th scope=\"col\">Name</th><th scope=\"col\">Engine</th>")
                .Append("<th scope=\"col\">Phase</th><th scope=\"col\">Stable</th><th scope=\"col\">Canary</th><th scope=\"col\">Canary weight</th>")
                .Append("<th scope=\"col\">Step</th><th scope=\"col\">Last verdict</th><th scope=\"col\">Drift</th></tr></thead>\n<tbody>\n");
            foreach (var model in models.OrderBy(m => m.Metadata.Name, StringComparer.Ordinal))
            {
                Row(html, model);
            }

            html.Append("</tbody>\n</table>\n");
        }

        if (prompts.Count > 0)
        {
            Prompts(html, prompts);
        }

        return html.ToString();
    }

    private static void Row(StringBuilder html, ModelDeployment model)
    {
        var name = model.Metadata.Name;
        var status = model.Status ?? new ModelDeploymentStatus();
        var steps = model.Spec.Rollout?.Steps ?? [];
        var rolling = !string.IsNullOrEmpty(status.CanaryRevision);
        var step = rolling && steps.Count > 0 ? $"{Math.Min((status.CurrentStepIndex ?? 0) + 1, steps.Count)}/{steps.Count}" : "–";
        var drift = status.ScheduledVerdicts is { Count: > 0 } verdicts
            ? DashboardFormat.Link(DashboardPaths.Drift(name), verdicts.Any(v => v.Drifted == true) ? "drifted" : Invariant($"{verdicts.Count} runs"))
            : "–";
        html.Append(CultureInfo.InvariantCulture, $"<tr data-name=\"{HtmlPage.Encode(name)}\">")
            .Append(CultureInfo.InvariantCulture, $"<th scope=\"row\">{DashboardFormat.Link(DashboardPaths.Rollout(name), name)}</th>")
            .Append(CultureInfo.InvariantCulture, $"<td class=\"engine\">{Engine(model)}</td>")
            .Append(CultureInfo.InvariantCulture, $"<td class=\"phase\">{HtmlPage.Badge(status.Phase?.ToString())}</td>")
            .Append(CultureInfo.InvariantCulture, $"<td>{DashboardFormat.OrDash(status.StableRevision)}</td>")
            .Append(CultureInfo.InvariantCulture, $"<td>{DashboardFormat.OrDash(status.CanaryRevision)}</td>")
            .Append(CultureInfo.InvariantCulture, $"<td class=\"num\">{(rolling ? Weight(status, steps) : "–")}")
            .Append("</td>")
            .Append(CultureInfo.InvariantCulture, $"<td class=\"num\">{step}</td>")
            .Append(CultureInfo.InvariantCulture, $"<td>{LastVerdict(status)}</td><td>{drift}</td></tr>\n");
    }

    // A pipeline names the ModelDeployments it calls, each a link to its own rollout.
    private static string Engine(ModelDeployment model) => model.Spec.Pipeline is { } pipeline
        ? "pipeline of " + string.Join(", ", PipelineReferences.Of(pipeline).ModelRefs.Select(m => DashboardFormat.Link(DashboardPaths.Rollout(m), m)))
        : model.Spec.Engine.ToString();

    // The evaluation of the rollout in progress, else the newest scheduled run.
    private static string LastVerdict(ModelDeploymentStatus status)
    {
        if (status.CurrentEvaluation is { } current)
        {
            var phase = (current.Phase ?? EvaluationPhase.Pending).ToString();
            return $"{HtmlPage.Badge(phase)} {DashboardFormat.Link(DashboardPaths.Run(current.Name), current.Name)} {PassRate(current.PassRate)}";
        }

        return status.ScheduledVerdicts is { Count: > 0 } verdicts && verdicts[0] is var latest
            ? $"{HtmlPage.Badge(latest.Drifted == true ? "Drifted" : latest.Phase?.ToString())} "
                + $"{DashboardFormat.Link(DashboardPaths.Run(latest.Run), latest.Run)} {PassRate(latest.PassRate)}"
            : "–";
    }

    // The weight the canary has and the weight its step sets.
    private static string Weight(ModelDeploymentStatus status, List<RolloutStep> steps) =>
        Invariant($"{status.CanaryWeight ?? 0}% (set {CanaryScaling.WeightBefore(steps, status.CurrentStepIndex ?? 0)}%)");

    private static string PassRate(double? rate) => rate is null ? "" : $"<span class=\"muted\">{HtmlPage.Percent(rate)}</span>";

    private static void Prompts(StringBuilder html, IReadOnlyList<PromptVersion> prompts)
    {
        html.Append("<h2 id=\"prompts\">Prompts</h2>\n<table aria-labelledby=\"prompts\">\n<thead><tr><th scope=\"col\">Prompt</th>")
            .Append("<th scope=\"col\">Version</th><th scope=\"col\">Phase</th><th scope=\"col\">Model")
            .Append("</th><th scope=\"col\">Evaluation</th><th scope=\"col\">Verdict</th></tr></thead>\n<tbody>\n");
        foreach (var prompt in prompts.OrderBy(p => p.Spec.PromptName, StringComparer.Ordinal).ThenByDescending(p => p.Spec.Version))
        {
            var model = prompt.Spec.ModelRef.Name;
            var run = prompt.Status?.Evaluation;
            var evaluation = run is null
                ? "–"
                : $"{HtmlPage.Badge((run.Phase ?? EvaluationPhase.Pending).ToString())} {DashboardFormat.Link(DashboardPaths.Run(run.Name), run.Name)} "
                    + PassRate(run.PassRate);
            html.Append(CultureInfo.InvariantCulture, $"<tr data-prompt=\"{HtmlPage.Encode(prompt.Metadata.Name)}\">")
                .Append(CultureInfo.InvariantCulture, $"<th scope=\"row\">{HtmlPage.Encode(prompt.Spec.PromptName)}</th>")
                .Append(CultureInfo.InvariantCulture, $"<td class=\"num\">{prompt.Spec.Version}</td>")
                .Append(CultureInfo.InvariantCulture, $"<td class=\"phase\">{HtmlPage.Badge(prompt.Status?.Phase?.ToString())}</td>")
                .Append(CultureInfo.InvariantCulture, $"<td>{DashboardFormat.Link(DashboardPaths.Rollout(model), model)}</td>")
                .Append(CultureInfo.InvariantCulture, $"<td>{evaluation}</td>")
                .Append(CultureInfo.InvariantCulture, $"<td class=\"verdict\">{DashboardFormat.OrDash(prompt.Status?.Message)}</td></tr>\n");
        }

        html.Append("</tbody>\n</table>\n");
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
