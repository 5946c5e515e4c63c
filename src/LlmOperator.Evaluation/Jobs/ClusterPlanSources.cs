using LlmOperator.Api.V1Alpha1;
using LlmOperator.Evaluation.Assertions;
using LlmOperator.Evaluation.Client;
using LlmOperator.Evaluation.Running;

namespace LlmOperator.Evaluation.Jobs;

/// <summary>What a run's gate refers to, read from the cluster: dataset ConfigMaps, PromptVersions, ModelDeployments and Secrets.</summary>
internal sealed class ClusterPlanSources(IEvaluationRunStore store) : IPlanSources
{
    /// <inheritdoc />
    public async Task<string> ReadConfigMapAsync(string name, string key, CancellationToken cancellationToken)
    {
        var data = await store.GetConfigMapDataAsync(name, cancellationToken).ConfigureAwait(false)
            ?? throw new EvaluationConfigurationException($"the dataset's ConfigMap \"{name}\" does not exist");
        return data.TryGetValue(key, out var text)
            ? text
            : throw new EvaluationConfigurationException($"the dataset's ConfigMap \"{name}\" has no key \"{key}\"");
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<PromptVersion>> ListPromptVersionsAsync(CancellationToken cancellationToken) => store.ListPromptVersionsAsync(cancellationToken);

    /// <inheritdoc />
    public async Task<ResolvedModel> ResolveAsync(string modelDeployment, CancellationToken cancellationToken)
    {
        var model = await store.GetModelDeploymentAsync(modelDeployment, cancellationToken).ConfigureAwait(false)
            ?? throw new AssertionConfigurationException($"provider modelRef \"{modelDeployment}\": no such ModelDeployment");
        var url = model.Status?.Endpoint
            ?? throw new AssertionConfigurationException($"provider modelRef \"{modelDeployment}\": the ModelDeployment has no endpoint in its status yet");
        var apiKey = ModelApiKey.Of(model.Spec) is { } secret ? await ReadSecretAsync(secret, cancellationToken).ConfigureAwait(false) : null;
        return new ResolvedModel(url, model.Spec.Model.ServedName ?? model.Spec.Model.Name, apiKey);
    }

    /// <inheritdoc />
    public async Task<ApiKey> ReadSecretAsync(SecretKeyReference secret, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(secret);
        var value = await store.ReadSecretAsync(secret.Name, secret.Key, cancellationToken).ConfigureAwait(false);
        return string.IsNullOrWhiteSpace(value)
            ? throw new AssertionConfigurationException(
                $"Secret \"{secret.Name}\" has no key \"{secret.Key}\" with an API key, or the Job was not given it (Jobs get the keys their run's "
                    + "endpoints, the gate's assertion providers and the namespace's ModelDeployments name)")
            : new ApiKey(value);
    }
}
