using LlmOperator.Api.V1Alpha1;
using LlmOperator.Evaluation.Client;

namespace LlmOperator.Evaluation.Running;

/// <summary>Finds what a run refers to by name: the endpoint of a ModelDeployment, and API keys in Secrets.</summary>
public interface IModelReferenceResolver
{
    /// <summary>The endpoint of a ModelDeployment by name. Throws <see cref="Assertions.AssertionConfigurationException"/> when it cannot.</summary>
    Task<ResolvedModel> ResolveAsync(string modelDeployment, CancellationToken cancellationToken);

    /// <summary>The API key a Secret key holds.</summary>
    Task<ApiKey> ReadSecretAsync(SecretKeyReference secret, CancellationToken cancellationToken);
}

/// <summary>A model found by name.</summary>
/// <param name="Url">Its OpenAI base URL.</param>
/// <param name="Model">The model name to request, when known.</param>
/// <param name="ApiKey">Its API key, when it needs one.</param>
public sealed record ResolvedModel(string Url, string? Model, ApiKey? ApiKey);
