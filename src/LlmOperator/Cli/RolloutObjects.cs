using k8s.Models;
using LlmOperator.Api.V1Alpha1;

namespace LlmOperator.Cli;

/// <summary>A ModelDeployment with the Deployments and EvaluationRuns it owns, read together.</summary>
/// <param name="Model">The ModelDeployment.</param>
/// <param name="Deployments">The Deployments of its revisions.</param>
/// <param name="Runs">Its EvaluationRuns.</param>
internal sealed record RolloutObjects(ModelDeployment Model, IReadOnlyList<V1Deployment> Deployments, IReadOnlyList<EvaluationRun> Runs)
{
    /// <summary>The <c>llmop status</c> frame of these objects at <paramref name="now"/>.</summary>
    public string Render(DateTimeOffset now) => RolloutView.Render(Model, Deployments, Runs, now);
}
