using LlmOperator.Api.V1Alpha1;
using LlmOperator.Controllers.Common;

namespace LlmOperator.Controllers.ModelDeployments.Planning;

/// <summary>The endpoints of the rollout being planned (see <see cref="ModelEndpoints"/>).</summary>
internal static class Endpoints
{
    /// <summary>The URL clients use for the spec's revision once it is stable.</summary>
    public static string Main(RolloutPlanBuilder plan) =>
        plan.Inputs.Profile.RunsPods
            ? ModelEndpoints.Service(plan.Namespace, ModelDeploymentNames.MainService(plan.Name), plan.Inputs.Profile.ApiBasePath)
            : plan.Inputs.Profile.ExternalBaseUrl!;

    /// <summary>The spec's revision under test: the canary Service, or the new hosted endpoint.</summary>
    public static RunEndpoint Candidate(RolloutPlanBuilder plan, string revision, bool asStable = false)
    {
        var profile = plan.Inputs.Profile;
        return new RunEndpoint
        {
            Url = profile.RunsPods
                ? ModelEndpoints.Service(
                    plan.Namespace,
                    asStable ? ModelDeploymentNames.StableService(plan.Name) : ModelDeploymentNames.CanaryService(plan.Name),
                    profile.ApiBasePath)
                : profile.ExternalBaseUrl!,
            Model = profile.ServedModel,
            Revision = revision,
            ApiKeySecretRef = ModelApiKey.Of(plan.Spec),
        };
    }

    /// <summary>The stable revision of the rollout being planned, as its status says so far.</summary>
    public static RunEndpoint? Stable(RolloutPlanBuilder plan) => ModelEndpoints.Stable(plan.Name, plan.Namespace, plan.Status, ModelApiKey.Of(plan.Spec));
}
