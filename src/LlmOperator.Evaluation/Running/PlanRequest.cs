using LlmOperator.Api.V1Alpha1;
using LlmOperator.Evaluation.Live;

namespace LlmOperator.Evaluation.Running;

/// <summary>A run to plan: the gate, where its references are found and the endpoints to evaluate.</summary>
/// <param name="Name">The run's name.</param>
/// <param name="GateName">The gate's name.</param>
/// <param name="Gate">The gate's spec.</param>
/// <param name="Sources">Where the gate's references are found.</param>
/// <param name="Candidate">The endpoint under test.</param>
/// <param name="Baseline">The endpoint to compare with, or null.</param>
/// <param name="DefaultGrader">The provider of similar and llm-rubric assertions that name none.</param>
/// <param name="Seed">The seed of case order and bootstrap.</param>
/// <param name="DatasetFile">A JSONL file of cases to run instead of the gate's dataset (its sha256 still applies), or null.</param>
/// <param name="Release">
/// Per-case results kept from the run that released what the candidate serves, to pair it with when there
/// is no baseline endpoint (a scheduled run); their model names them in the verdict.
/// </param>
/// <param name="Context">The run the gate's metrics and load measure (its namespace and revisions), or null outside a run.</param>
public sealed record PlanRequest(
    string Name,
    string GateName,
    EvaluationGateSpec Gate,
    IPlanSources Sources,
    EndpointRequest Candidate,
    EndpointRequest? Baseline,
    ModelEndpointReference? DefaultGrader,
    long Seed,
    string? DatasetFile = null,
    EndpointResults? Release = null,
    MetricContext? Context = null);
