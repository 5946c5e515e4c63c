using k8s.Models;
using LlmOperator.Api.V1Alpha1;
using LlmOperator.Evaluation.Jobs;

namespace LlmOperator.Evaluation.Tests.Support;

/// <summary>An in-memory namespace for job-mode tests: what the Job reads, and the results ConfigMaps it writes.</summary>
internal sealed class FakeRunStore : IEvaluationRunStore
{
    public Dictionary<string, EvaluationRun> Runs { get; } = [];

    public Dictionary<string, Dictionary<string, string>> ConfigMaps { get; } = [];

    public List<PromptVersion> Prompts { get; } = [];

    public Dictionary<string, ModelDeployment> Models { get; } = [];

    public Dictionary<(string, string), string> Secrets { get; } = [];

    public List<V1ConfigMap> AppliedConfigMaps { get; } = [];

    public Exception? ConfigMapFailure { get; set; }

    public Task<EvaluationRun?> GetRunAsync(string name, CancellationToken cancellationToken) => Task.FromResult(Runs.GetValueOrDefault(name));

    public Task<IDictionary<string, string>?> GetConfigMapDataAsync(string name, CancellationToken cancellationToken) =>
        Task.FromResult<IDictionary<string, string>?>(ConfigMaps.GetValueOrDefault(name));

    public Task<IReadOnlyList<PromptVersion>> ListPromptVersionsAsync(CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<PromptVersion>>(Prompts);

    public Task<ModelDeployment?> GetModelDeploymentAsync(string name, CancellationToken cancellationToken) => Task.FromResult(Models.GetValueOrDefault(name));

    public Task<string?> ReadSecretAsync(string name, string key, CancellationToken cancellationToken) =>
        Task.FromResult(Secrets.GetValueOrDefault((name, key)));

    public Task ApplyConfigMapAsync(V1ConfigMap configMap, CancellationToken cancellationToken)
    {
        if (ConfigMapFailure is { } failure)
        {
            throw failure;
        }

        AppliedConfigMaps.Add(configMap);
        return Task.CompletedTask;
    }
}
