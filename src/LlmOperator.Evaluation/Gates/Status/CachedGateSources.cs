using k8s.Models;
using LlmOperator.Api.V1Alpha1;
using LlmOperator.Evaluation.Assertions;
using LlmOperator.Evaluation.Client;
using LlmOperator.Evaluation.Running;
using LlmOperator.Kubernetes.Access;
using LlmOperator.Kubernetes.Informers;

namespace LlmOperator.Evaluation.Gates.Status;

/// <summary>
/// What a gate names, as the operator sees it: dataset ConfigMaps read from the API, PromptVersions and
/// ModelDeployments from its caches. It reads no Secret: a key is only checked when a run uses it.
/// </summary>
internal sealed class CachedGateSources(InformerCaches caches, IResourceClient<V1ConfigMap> configMaps, string ns) : IPlanSources
{
    /// <inheritdoc />
    public async Task<string> ReadConfigMapAsync(string name, string key, CancellationToken cancellationToken)
    {
        var configMap = await configMaps.GetAsync(new ObjectKey(ns, name), cancellationToken).ConfigureAwait(false)
            ?? throw new EvaluationConfigurationException($"the dataset's ConfigMap \"{name}\" does not exist");
        return configMap.Data?.TryGetValue(key, out var text) == true
            ? text
            : throw new EvaluationConfigurationException($"the dataset's ConfigMap \"{name}\" has no key \"{key}\"");
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<PromptVersion>> ListPromptVersionsAsync(CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<PromptVersion>>([.. caches.Of<PromptVersion>().List(ns)]);

    /// <inheritdoc />
    public Task<ResolvedModel> ResolveAsync(string modelDeployment, CancellationToken cancellationToken)
    {
        var model = caches.Of<ModelDeployment>().Get(new ObjectKey(ns, modelDeployment))
            ?? throw new AssertionConfigurationException($"provider modelRef \"{modelDeployment}\": no such ModelDeployment");
        // A judge that does not serve yet is still the right reference; its run waits for it.
        var url = model.Status?.Endpoint ?? $"http://{modelDeployment}.{ns}.svc/v1";
        return Task.FromResult(new ResolvedModel(url, model.Spec.Model.ServedName ?? model.Spec.Model.Name, null));
    }

    /// <inheritdoc />
    public Task<ApiKey> ReadSecretAsync(SecretKeyReference secret, CancellationToken cancellationToken) => Task.FromResult(new ApiKey("unread"));
}
