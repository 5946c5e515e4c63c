using System.Text.Json.Nodes;
using k8s;
using k8s.Models;
using LlmOperator.Api.V1Alpha1;
using LlmOperator.Kubernetes.Access;

namespace LlmOperator.Evaluation.Jobs;

/// <summary>The evaluation Job's API access in one namespace, through the runtime's typed clients.</summary>
public sealed class KubernetesEvaluationRunStore(IKubernetes client, string ns) : IEvaluationRunStore
{
    private readonly ResourceClient<EvaluationRun> _runs = new(client);
    private readonly ResourceClient<V1ConfigMap> _configMaps = new(client);
    private readonly ResourceClient<PromptVersion> _prompts = new(client);
    private readonly ResourceClient<ModelDeployment> _models = new(client);

    /// <inheritdoc />
    public Task<EvaluationRun?> GetRunAsync(string name, CancellationToken cancellationToken) => _runs.GetAsync(new ObjectKey(ns, name), cancellationToken);

    /// <inheritdoc />
    public async Task<IDictionary<string, string>?> GetConfigMapDataAsync(string name, CancellationToken cancellationToken)
    {
        var configMap = await _configMaps.GetAsync(new ObjectKey(ns, name), cancellationToken).ConfigureAwait(false);
        return configMap is null ? null : configMap.Data ?? new Dictionary<string, string>();
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<PromptVersion>> ListPromptVersionsAsync(CancellationToken cancellationToken) =>
        (await _prompts.ListAsync(ns, null, cancellationToken).ConfigureAwait(false)).Items;

    /// <inheritdoc />
    public Task<ModelDeployment?> GetModelDeploymentAsync(string name, CancellationToken cancellationToken) =>
        _models.GetAsync(new ObjectKey(ns, name), cancellationToken);

    /// <summary>A Secret key's value from the environment the operator gave the Job (see <see cref="SecretKeyVariable"/>); it reads no Secret.</summary>
    public Task<string?> ReadSecretAsync(string name, string key, CancellationToken cancellationToken) =>
        Task.FromResult(Environment.GetEnvironmentVariable(SecretKeyVariable.Of(name, key)) is { Length: > 0 } value ? value : null);

    /// <inheritdoc />
    public async Task ApplyConfigMapAsync(V1ConfigMap configMap, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(configMap);
        if (!await _configMaps.CreateIfMissingAsync(configMap, cancellationToken).ConfigureAwait(false))
        {
            // A retried Job finds the ConfigMap of its earlier attempt: replace what this run owns.
            var patch = new JsonObject
            {
                ["metadata"] = new JsonObject { ["labels"] = JsonNode.Parse(KubernetesJson.Serialize(configMap.Metadata.Labels)) },
                ["data"] = JsonNode.Parse(KubernetesJson.Serialize(configMap.Data)),
            };
            await _configMaps.PatchAsync(new ObjectKey(ns, configMap.Metadata.Name), patch, cancellationToken).ConfigureAwait(false);
        }
    }
}
