using k8s.Models;
using LlmOperator.Api.V1Alpha1;

namespace LlmOperator.Evaluation.Jobs;

/// <summary>
/// Every call of the Kubernetes API that an evaluation Job makes, in one namespace: reads of its run and
/// of what the gate refers to, and the one write of its results ConfigMap.
/// </summary>
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

    /// <summary>Creates a ConfigMap, or replaces the data and labels of the one with its name.</summary>
    Task ApplyConfigMapAsync(V1ConfigMap configMap, CancellationToken cancellationToken);
}
