using LlmOperator.Api.V1Alpha1;

namespace LlmOperator.Evaluation.Running;

/// <summary>Where a run finds what its gate names: dataset ConfigMaps, prompt versions, models and secrets (files on a laptop, the API in a cluster).</summary>
public interface IPlanSources : IModelReferenceResolver
{
    /// <summary>A ConfigMap key's text. Throws <see cref="EvaluationConfigurationException"/> when it is missing.</summary>
    Task<string> ReadConfigMapAsync(string name, string key, CancellationToken cancellationToken);

    /// <summary>Every PromptVersion there is.</summary>
    Task<IReadOnlyList<PromptVersion>> ListPromptVersionsAsync(CancellationToken cancellationToken);
}
