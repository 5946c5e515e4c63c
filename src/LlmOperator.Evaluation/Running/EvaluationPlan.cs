using LlmOperator.Api.V1Alpha1;
using LlmOperator.Evaluation.Assertions;
using LlmOperator.Evaluation.Datasets;
using LlmOperator.Evaluation.Live;

namespace LlmOperator.Evaluation.Running;

/// <summary>Everything a run needs, resolved: the gate, its cases, the endpoints and the seed.</summary>
/// <param name="Name">The run's name, for reports and spans.</param>
/// <param name="GateName">The gate's name.</param>
/// <param name="Gate">The gate's spec.</param>
/// <param name="Dataset">The cases; none for a gate of metrics alone.</param>
/// <param name="Candidate">The endpoint under test.</param>
/// <param name="Baseline">The endpoint compared with, or null.</param>
/// <param name="Providers">The models assertions use.</param>
/// <param name="Seed">The seed of case order and bootstrap.</param>
/// <param name="Release">Per-case results of a release to pair the candidate with when there is no baseline endpoint, or null.</param>
/// <param name="Live">The gate's metrics and load, or null when it has none.</param>
public sealed record EvaluationPlan(
    string Name,
    string GateName,
    EvaluationGateSpec Gate,
    LoadedDataset Dataset,
    EndpointPlan Candidate,
    EndpointPlan? Baseline,
    IModelProviders Providers,
    long Seed,
    EndpointResults? Release = null,
    LivePlan? Live = null)
{
    /// <summary>Whether the gate has a dataset to judge; a gate of metrics alone has none.</summary>
    public bool HasDataset => Gate.Dataset is not null;

    /// <summary>The gate's execution settings, with the API's defaults.</summary>
    public ExecutionSettings Execution => Gate.Execution ?? new ExecutionSettings();

    /// <summary>The endpoints in the order they are reported: candidate, then baseline.</summary>
    public IReadOnlyList<EndpointPlan> Endpoints => Baseline is null ? [Candidate] : [Candidate, Baseline];
}
