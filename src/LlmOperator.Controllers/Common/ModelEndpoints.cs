using LlmOperator.Api.V1Alpha1;

namespace LlmOperator.Controllers.Common;

/// <summary>
/// The OpenAI base URLs of a ModelDeployment: its Services in the cluster (port 80, to the pods' named
/// http port), or the hosted endpoint of engine external.
/// </summary>
internal static class ModelEndpoints
{
    /// <summary>The stable revision of a ModelDeployment as it was read (prompt versions are evaluated on it); null while it has none.</summary>
    public static RunEndpoint? Stable(ModelDeployment model)
    {
        ArgumentNullException.ThrowIfNull(model);
        return model.Status is { } status
            ? Stable(model.Metadata.Name, model.Metadata.NamespaceProperty ?? "default", status, ModelApiKey.Of(model.Spec))
            : null;
    }

    /// <summary>
    /// The stable revision, as the status recorded it when it was promoted (its spec is gone), or the fallback
    /// that serves instead of it (status.servingFallback). A hosted one keeps its recorded URL; a cluster
    /// one is reached through its stable Service, so that a canary taking part of the main Service's
    /// traffic is never what is measured. It is called with the spec's API key (<paramref name="apiKey"/>):
    /// changing providers or keys usually keeps the Secret's name.
    /// </summary>
    public static RunEndpoint? Stable(string name, string ns, ModelDeploymentStatus status, SecretKeyReference? apiKey)
    {
        ArgumentNullException.ThrowIfNull(status);
        if (status.StableRevision is null || status.Endpoint is null || status.ServedModel is null)
        {
            return null;
        }

        // While a fallback serves instead of a drifted stable revision, the endpoint recorded is the fallback's.
        var serving = status.ServingFallback?.Name ?? name;
        var recorded = new Uri(status.Endpoint);
        var inCluster = recorded.Host == $"{ModelDeploymentNames.MainService(serving)}.{ns}.svc";
        return new RunEndpoint
        {
            Url = inCluster ? Service(ns, ModelDeploymentNames.StableService(serving), recorded.AbsolutePath.TrimEnd('/')) : status.Endpoint,
            Model = status.ServedModel,
            Revision = status.ServingFallback?.Revision ?? status.StableRevision,
            ApiKeySecretRef = apiKey,
        };
    }

    /// <summary>The URL of a Service of the namespace, with the engine's OpenAI base path.</summary>
    public static string Service(string ns, string service, string basePath) => $"http://{service}.{ns}.svc{basePath}";
}
