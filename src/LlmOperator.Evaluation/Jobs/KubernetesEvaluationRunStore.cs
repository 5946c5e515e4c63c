using System.Text;
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
    private readonly ResourceClient<V1Secret> _secrets = new(client);

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

    /// <inheritdoc />
    public async Task<string?> ReadSecretAsync(string name, string key, CancellationToken cancellationToken)
    {
        var secret = await _secrets.GetAsync(new ObjectKey(ns, name), cancellationToken).ConfigureAwait(false);
        return secret?.Data?.TryGetValue(key, out var bytes) == true ? Encoding.UTF8.GetString(bytes) : null;
    }

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
