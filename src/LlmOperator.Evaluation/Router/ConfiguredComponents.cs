using LlmOperator.Api.V1Alpha1;
using LlmOperator.Evaluation.Assertions;
using LlmOperator.Evaluation.Client;
using LlmOperator.Evaluation.Running;
using LlmOperator.Pipelines.Serving;

namespace LlmOperator.Evaluation.Router;

/// <summary>The components of a served pipeline, where the operator resolved them for this revision.</summary>
internal sealed class ConfiguredComponents(RouterConfiguration configuration) : IModelReferenceResolver
{
    public Task<ResolvedModel> ResolveAsync(string modelDeployment, CancellationToken cancellationToken) =>
        configuration.Components.TryGetValue(modelDeployment, out var component)
            ? Task.FromResult(new ResolvedModel(component.Url, component.Model, null))
            : throw new AssertionConfigurationException($"the router configuration has no endpoint for component {modelDeployment}");

    public Task<ApiKey> ReadSecretAsync(SecretKeyReference secret, CancellationToken cancellationToken) =>
        throw new AssertionConfigurationException("a router reads no secrets");
}
