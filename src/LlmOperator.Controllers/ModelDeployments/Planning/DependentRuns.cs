using LlmOperator.Api.V1Alpha1;
using LlmOperator.Controllers.Common;

namespace LlmOperator.Controllers.ModelDeployments.Planning;

/// <summary>
/// The runs that judge a canary by a pipeline built on the model: the pipeline's gate, the pipeline as
/// it serves with only this model replaced by its canary as the candidate, and unchanged (this model's
/// stable revision) as the baseline, so the comparison is paired and only the component differs.
/// </summary>
internal static class DependentRuns
{
    public static EvaluationRun New(RolloutPlanBuilder plan, string name, EvaluationGate gate, string revision, ModelDeployment pipeline)
    {
        var candidate = Endpoints.Candidate(plan, revision);
        var stable = Endpoints.Stable(plan);
        var baseline = stable is null ? null : InPipeline(pipeline, plan.Name, stable);
        var run = RolloutRuns.New(plan, name, gate, revision, "dependent", InPipeline(pipeline, plan.Name, candidate), baseline);
        run.Metadata.Labels[WellKnownLabels.Pipeline] = pipeline.Metadata.Name;
        return run;
    }

    /// <summary>The pipeline of the deciding run when it judged the canary inside a pipeline.</summary>
    public static string? PipelineOf(EvaluationRun run) =>
        run.Metadata.Labels?.TryGetValue(WellKnownLabels.Pipeline, out var pipeline) == true ? pipeline : null;

    private static RunEndpoint InPipeline(ModelDeployment pipeline, string component, RunEndpoint replacement) => new()
    {
        Url = pipeline.Status?.Endpoint
            ?? ModelEndpoints.Service(pipeline.Metadata.NamespaceProperty ?? "", ModelDeploymentNames.MainService(pipeline.Metadata.Name), "/v1"),
        Model = pipeline.Spec.Model.ServedName ?? pipeline.Spec.Model.Name,
        Revision = pipeline.Status?.StableRevision,
        Pipeline = new RunPipeline
        {
            Name = pipeline.Metadata.Name,
            Spec = pipeline.Spec.Pipeline!,
            Overrides = new Dictionary<string, ComponentEndpoint>(StringComparer.Ordinal)
            {
                [component] = new ComponentEndpoint { Url = replacement.Url, Model = replacement.Model, ApiKeySecretRef = replacement.ApiKeySecretRef },
            },
        },
    };
}
