using System.Globalization;
using System.Text;
using LlmOperator.Api.V1Alpha1;
using LlmOperator.Evaluation.Reports.Html;
using LlmOperator.Pipelines.Compiling;

namespace LlmOperator.Dashboard;

/// <summary>
/// A pipeline's components on its rollout page: each ModelDeployment it calls with its phase and the revisions it
/// serves (a component's canary is judged through the pipeline), and each prompt it renders with the version that
/// serves. A pure function of the pipeline's spec and the namespace's objects.
/// </summary>
internal static class PipelineComponents
{
    /// <summary>Appends the components of <paramref name="pipeline"/> to <paramref name="html"/>.</summary>
    public static void Render(StringBuilder html, PipelineSpec pipeline, IReadOnlyList<ModelDeployment> models, IReadOnlyList<PromptVersion> prompts)
    {
        var references = PipelineReferences.Of(pipeline);
        html.Append("<h2 id=\"components\">Components</h2>\n<table id=\"component-table\" aria-labelledby=\"components\">\n<thead><tr>")
            .Append("<th scope=\"col\">Component</th><th scope=\"col\">Kind</th><th scope=\"col\">Phase</th><th scope=\"col\">Stable</th>")
            .Append("<th scope=\"col\">Canary</th></tr></thead>\n<tbody>\n");
        foreach (var name in references.ModelRefs)
        {
            var status = models.FirstOrDefault(m => m.Metadata.Name == name)?.Status;
            var canary = string.IsNullOrEmpty(status?.CanaryRevision)
                ? "–"
                : $"{HtmlPage.Encode(status.CanaryRevision)} <span class=\"muted\">({status.CanaryWeight ?? 0}%)</span>";
            html.Append(CultureInfo.InvariantCulture, $"<tr data-component=\"{HtmlPage.Encode(name)}\">")
                .Append(CultureInfo.InvariantCulture, $"<th scope=\"row\">{DashboardFormat.Link(DashboardPaths.Rollout(name), name)}</th><td>model</td>")
                .Append(CultureInfo.InvariantCulture, $"<td class=\"phase\">{(status is null ? "missing" : HtmlPage.Badge(status.Phase?.ToString()))}</td>")
                .Append(CultureInfo.InvariantCulture, $"<td>{DashboardFormat.OrDash(status?.StableRevision)}</td><td>{canary}</td></tr>\n");
        }

        foreach (var name in references.PromptNames)
        {
            var versions = prompts.Where(p => p.Spec.PromptName == name).ToList();
            var active = versions.FirstOrDefault(p => p.Status?.Phase == PromptPhase.Active);
            var candidate = versions.Where(p => p.Status?.Phase is PromptPhase.Pending or PromptPhase.Evaluating).MaxBy(p => p.Spec.Version);
            var phase = versions.Count == 0 ? "missing" : HtmlPage.Badge((active ?? candidate)?.Status?.Phase?.ToString());
            html.Append(CultureInfo.InvariantCulture, $"<tr data-component=\"{HtmlPage.Encode(name)}\">")
                .Append(CultureInfo.InvariantCulture, $"<th scope=\"row\">{HtmlPage.Encode(name)}</th><td>prompt</td>")
                .Append(CultureInfo.InvariantCulture, $"<td class=\"phase\">{phase}</td><td>{Version(active)}</td><td>{Version(candidate)}</td></tr>\n");
        }

        html.Append("</tbody>\n</table>\n");
    }

    private static string Version(PromptVersion? version) => version is null ? "–" : $"version {version.Spec.Version}";
}
