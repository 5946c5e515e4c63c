using LlmOperator.Api.V1Alpha1;

namespace LlmOperator.Controllers.ModelDeployments.Planning;

/// <summary>
/// The OpenAI base URLs of a ModelDeployment's revisions: its Services in the cluster (port 80, to the
/// pods' named http port), or the hosted endpoint of engine external.
/// </summary>
internal static class Endpoints
{
    /// <summary>The URL clients use for the spec's revision once it is stable.</summary>
    public static string Main(RolloutPlanBuilder plan) =>
        plan.Inputs.Profile.RunsPods ? Service(plan.Namespace, ModelDeploymentNames.MainService(plan.Name), plan.Inputs.Profile.ApiBasePath) : plan.Inputs.Profile.ExternalBaseUrl!;

    /// <summary>The spec's revision under test: the canary Service, or the new hosted endpoint.</summary>
    public static RunEndpoint Candidate(RolloutPlanBuilder plan, string revision, bool asStable = false)
    {
        var profile = plan.Inputs.Profile;
        return new RunEndpoint
        {
            Url = profile.RunsPods
                ? Service(plan.Namespace, asStable ? ModelDeploymentNames.StableService(plan.Name) : ModelDeploymentNames.CanaryService(plan.Name), profile.ApiBasePath)
                : profile.ExternalBaseUrl!,
            Model = profile.ServedModel,
            Revision = revision,
            ApiKeySecretRef = plan.Spec.External?.ApiKeySecretRef,
        };
    }

    /// <summary>The stable revision of the rollout being planned, as its status says so far.</summary>
    public static RunEndpoint? Stable(RolloutPlanBuilder plan) => Stable(plan.Name, plan.Namespace, plan.Status, plan.Spec.External);

    /// <summary>
    /// The stable revision of a ModelDeployment as it was read (prompt versions are evaluated on it).
    /// </summary>
    public static RunEndpoint? Stable(ModelDeployment model)
    {
        ArgumentNullException.ThrowIfNull(model);
        return model.Status is { } status ? Stable(model.Metadata.Name, model.Metadata.NamespaceProperty ?? "default", status, model.Spec.External) : null;
    }

    /// <summary>
    /// The stable revision, as the status recorded it when it was promoted (its spec is gone). A hosted
    /// stable keeps its recorded URL; a cluster one is reached through the stable Service, so that a
    /// canary taking part of the main Service's traffic is never what is measured.
    /// </summary>
    private static RunEndpoint? Stable(string name, string ns, ModelDeploymentStatus status, ExternalEndpoint? external)
    {
        if (status.StableRevision is null || status.Endpoint is null || status.ServedModel is null)
        {
            return null;
        }

        var recorded = new Uri(status.Endpoint);
        var inCluster = recorded.Host == $"{ModelDeploymentNames.MainService(name)}.{ns}.svc";
        return new RunEndpoint
        {
            Url = inCluster ? Service(ns, ModelDeploymentNames.StableService(name), recorded.AbsolutePath.TrimEnd('/')) : status.Endpoint,
            Model = status.ServedModel,
            Revision = status.StableRevision,
            // A hosted stable is reached with the spec's key: switching providers usually keeps the secret's name.
            ApiKeySecretRef = inCluster ? null : external?.ApiKeySecretRef,
        };
    }

    private static string Service(string ns, string service, string basePath) => $"http://{service}.{ns}.svc{basePath}";
}
