using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using k8s;
using k8s.Autorest;
using k8s.Models;
using LlmOperator.Api.V1Alpha1;

namespace LlmOperator.Evaluation.Jobs;

/// <summary>The evaluation Job's API access through KubernetesClient, in one namespace.</summary>
public sealed class KubernetesEvaluationRunStore(IKubernetes client, string ns) : IEvaluationRunStore
{
    private const string Group = ApiGroup.Name;
    private const string Version = ApiGroup.Version;

    /// <inheritdoc />
    public Task<EvaluationRun?> GetRunAsync(string name, CancellationToken cancellationToken) =>
        OrNull(() => client.CustomObjects.GetNamespacedCustomObjectAsync<EvaluationRun>(Group, Version, ns, "evaluationruns", name, cancellationToken));

    /// <inheritdoc />
    public async Task<IDictionary<string, string>?> GetConfigMapDataAsync(string name, CancellationToken cancellationToken)
    {
        var configMap = await OrNull(() => client.CoreV1.ReadNamespacedConfigMapAsync(name, ns, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return configMap is null ? null : configMap.Data ?? new Dictionary<string, string>();
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<PromptVersion>> ListPromptVersionsAsync(CancellationToken cancellationToken)
    {
        var list = await client.CustomObjects.ListNamespacedCustomObjectAsync<ResourceList<PromptVersion>>(Group, Version, ns, "promptversions", cancellationToken: cancellationToken).ConfigureAwait(false);
        return list.Items ?? [];
    }

    /// <inheritdoc />
    public Task<ModelDeployment?> GetModelDeploymentAsync(string name, CancellationToken cancellationToken) =>
        OrNull(() => client.CustomObjects.GetNamespacedCustomObjectAsync<ModelDeployment>(Group, Version, ns, "modeldeployments", name, cancellationToken));

    /// <inheritdoc />
    public async Task<string?> ReadSecretAsync(string name, string key, CancellationToken cancellationToken)
    {
        var secret = await OrNull(() => client.CoreV1.ReadNamespacedSecretAsync(name, ns, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return secret?.Data?.TryGetValue(key, out var bytes) == true ? Encoding.UTF8.GetString(bytes) : null;
    }

    /// <inheritdoc />
    public async Task ApplyConfigMapAsync(V1ConfigMap configMap, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(configMap);
        try
        {
            await client.CoreV1.CreateNamespacedConfigMapAsync(configMap, ns, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.Conflict)
        {
            // A retried Job finds the ConfigMap of its earlier attempt: replace what this run owns.
            var patch = new JsonObject
            {
                ["metadata"] = new JsonObject { ["labels"] = JsonNode.Parse(KubernetesJson.Serialize(configMap.Metadata.Labels)) },
                ["data"] = JsonNode.Parse(KubernetesJson.Serialize(configMap.Data)),
            };
            await client.CoreV1.PatchNamespacedConfigMapAsync(new V1Patch(patch.ToJsonString(), V1Patch.PatchType.MergePatch), configMap.Metadata.Name, ns, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
    }

    private static async Task<T?> OrNull<T>(Func<Task<T>> read)
        where T : class
    {
        try
        {
            return await read().ConfigureAwait(false);
        }
        catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    private sealed class ResourceList<T>
    {
        public List<T>? Items { get; set; }
    }
}
