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
    public static EvaluationRun New(RolloutPlanBuilder plan, string name, EvaluationGate gate, string revision, Dependent dependent)
    {
        var stable = Endpoints.Stable(plan);
        var baseline = stable is null ? null : PipelineRuns.InPipeline(dependent, Replacing(plan.Name, stable));
        var candidate = PipelineRuns.InPipeline(dependent, Replacing(plan.Name, Endpoints.Candidate(plan, revision)));
        return PipelineRuns.Label(RolloutRuns.New(plan, name, gate, revision, "dependent", candidate, baseline), dependent.Pipeline.Metadata.Name);
    }

    private static Dictionary<string, ComponentEndpoint> Replacing(string component, RunEndpoint endpoint) => new(StringComparer.Ordinal)
    {
        [component] = new ComponentEndpoint { Url = endpoint.Url, Model = endpoint.Model, ApiKeySecretRef = endpoint.ApiKeySecretRef },
    };
}
