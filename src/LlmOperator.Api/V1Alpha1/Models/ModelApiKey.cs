namespace LlmOperator.Api.V1Alpha1;

/// <summary>
/// The API key clients of a ModelDeployment send as a bearer token: the hosted endpoint's
/// (spec.external.apiKeySecretRef) or the one its server in the cluster requires (spec.server.apiKeySecretRef).
/// Evaluations, judges and pipelines calling the model all send it.
/// </summary>
public static class ModelApiKey
{
    /// <summary>The Secret key of the API key, or null when the model takes none.</summary>
    public static SecretKeyReference? Of(ModelDeploymentSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        return spec.External?.ApiKeySecretRef ?? spec.Server?.ApiKeySecretRef;
    }
}
