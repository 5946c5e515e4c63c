using LlmOperator.Api.V1Alpha1;
using LlmOperator.Controllers.Common;
using LlmOperator.Controllers.Engines;
using LlmOperator.Controllers.ModelDeployments.Adapters;
using LlmOperator.Controllers.ModelDeployments.Pipelines;
using LlmOperator.Controllers.ModelDeployments.Releases;

namespace LlmOperator.Controllers.ModelDeployments.Planning;

/// <summary>Everything the rollout planner decides from: the object, what it owns, the gates it names, and the time.</summary>
internal sealed record RolloutInputs
{
    /// <summary>The ModelDeployment as read (spec, status, generation).</summary>
    public required ModelDeployment Model { get; init; }

    /// <summary>The revision of its spec.</summary>
    public required string Revision { get; init; }

    /// <summary>How the spec's revision serves.</summary>
    public required ServingProfile Profile { get; init; }

    /// <summary>The Deployments it owns, by revision.</summary>
    public IReadOnlyDictionary<string, RevisionState> Revisions { get; init; } = new Dictionary<string, RevisionState>();

    /// <summary>The pods of its revisions, with what each has loaded in its adapter slots.</summary>
    public IReadOnlyList<ServerPod> Pods { get; init; } = [];

    /// <summary>The EvaluationRuns it owns, by name.</summary>
    public IReadOnlyDictionary<string, EvaluationRun> Runs { get; init; } = new Dictionary<string, EvaluationRun>();

    /// <summary>The EvaluationGates of its namespace, by name.</summary>
    public IReadOnlyDictionary<string, EvaluationGate> Gates { get; init; } = new Dictionary<string, EvaluationGate>();

    /// <summary>The active version of each prompt (by promptName) in its namespace, for gates that render through a prompt.</summary>
    public IReadOnlyDictionary<string, int> ActivePromptVersions { get; init; } = new Dictionary<string, int>();

    /// <summary>What its release ConfigMap keeps, or null when it has none.</summary>
    public KeptRelease? Release { get; init; }

    /// <summary>The ModelDeployment spec.fallback names, or null when it names none or none by that name exists.</summary>
    public ModelDeployment? Fallback { get; init; }

    /// <summary>For engine pipeline: whether its revision can be served, and the router configuration when it can.</summary>
    public PipelineResolution? Pipeline { get; init; }

    /// <summary>The pipelines that call it, directly or through other pipelines, and whose gates judge its canary too.</summary>
    public IReadOnlyList<Dependent> Dependents { get; init; } = [];

    /// <summary>How many of its dependents' runs may be under way at once (<see cref="ControllerOptions.MaxDependentEvaluations"/>).</summary>
    public int DependentRunsAtOnce { get; init; } = ControllerOptions.DefaultMaxDependentEvaluations;

    /// <summary>Whether its stable or canary Service exists (see <see cref="RolloutServices"/>).</summary>
    public bool RolloutServicesExist { get; init; }

    /// <summary>
    /// Whether another object evaluates or serves its stable revision through its stable Service: a PromptVersion
    /// evaluated on it, or a ModelDeployment that falls back on it.
    /// </summary>
    public bool StableAddressedElsewhere { get; init; }

    /// <summary>Now.</summary>
    public required DateTimeOffset Now { get; init; }
}
