using System.Text.Json.Nodes;
using k8s.Models;
using LlmOperator.Api.V1Alpha1;

namespace LlmOperator.Evaluation.Jobs;

/// <summary>Every read and write of the Kubernetes API that an evaluation Job makes, in one namespace.</summary>
public interface IEvaluationRunStore
{
    /// <summary>The run, or null when it does not exist.</summary>
    Task<EvaluationRun?> GetRunAsync(string name, CancellationToken cancellationToken);

    /// <summary>A ConfigMap's data, or null when it does not exist.</summary>
    Task<IDictionary<string, string>?> GetConfigMapDataAsync(string name, CancellationToken cancellationToken);

    /// <summary>Every PromptVersion.</summary>
    Task<IReadOnlyList<PromptVersion>> ListPromptVersionsAsync(CancellationToken cancellationToken);

    /// <summary>A ModelDeployment, or null when it does not exist.</summary>
    Task<ModelDeployment?> GetModelDeploymentAsync(string name, CancellationToken cancellationToken);

    /// <summary>A Secret key's value as text, or null when the Secret or key does not exist.</summary>
    Task<string?> ReadSecretAsync(string name, string key, CancellationToken cancellationToken);

    /// <summary>Applies a JSON merge patch to the run's status subresource.</summary>
    Task PatchRunStatusAsync(string name, JsonObject mergePatch, CancellationToken cancellationToken);

    /// <summary>Creates a ConfigMap, or replaces the data and labels of the one with its name.</summary>
    Task ApplyConfigMapAsync(V1ConfigMap configMap, CancellationToken cancellationToken);
}
