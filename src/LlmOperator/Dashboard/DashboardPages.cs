using LlmOperator.Api.V1Alpha1;
using LlmOperator.Evaluation.Reports;

namespace LlmOperator.Dashboard;

/// <summary>
/// Which page a path is, and its title and main content as the cluster is now: the page a browser
/// loads and what its server-sent events replace it with are the same rendering.
/// </summary>
internal sealed class DashboardPages(DashboardReader reader, bool allowActions, TimeProvider time)
{
    /// <summary>The page at <paramref name="path"/>, or null when there is no such page or object.</summary>
    public async Task<(string Title, string Main)?> RenderAsync(string path, string? message, CancellationToken cancellationToken)
    {
        var segments = path.Trim('/').Split('/', StringSplitOptions.RemoveEmptyEntries).Select(Uri.UnescapeDataString).ToArray();
        switch (segments)
        {
            case []:
                var (models, prompts) = await reader.OverviewAsync(cancellationToken).ConfigureAwait(false);
                return ($"Rollouts in {reader.Namespace}", OverviewPage.Render(reader.Namespace, models, prompts));
            case ["rollouts", var name]:
                if (await reader.RolloutAsync(name, cancellationToken).ConfigureAwait(false) is not { } objects)
                {
                    return null;
                }

                // A pipeline's page shows its components, read with it.
                (IReadOnlyList<ModelDeployment>, IReadOnlyList<PromptVersion>)? neighbours = objects.Model.Spec.Pipeline is null
                    ? null
                    : await reader.OverviewAsync(cancellationToken).ConfigureAwait(false);
                return ($"Rollout {name}", RolloutPage.Render(objects, allowActions, message, time.GetUtcNow(), neighbours));
            case ["rollouts", var name, "drift"]:
                return await reader.ModelAsync(name, cancellationToken).ConfigureAwait(false) is { } model
                    ? ($"Drift of {name}", DriftPage.Render(model))
                    : null;
            case ["runs", var name]:
                return await reader.RunAsync(name, cancellationToken).ConfigureAwait(false) is { } run
                    ? ($"Evaluation {name}", HtmlReport.Body(run))
                    : null;
            default:
                return null;
        }
    }
}
