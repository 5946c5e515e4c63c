using LlmOperator.Api.V1Alpha1;
using LlmOperator.Controllers.Common;
using LlmOperator.Controllers.ModelDeployments.Adapters;
using LlmOperator.Controllers.ModelDeployments.Releases;

namespace LlmOperator.Controllers.ModelDeployments.Planning;

/// <summary>
/// What the reconciler must do for one ModelDeployment: the state of its children, runs to start and remove, its status,
/// events, and when to look again.
/// </summary>
internal sealed record RolloutPlan
{
    /// <summary>The status to write (a merge patch of it).</summary>
    public required ModelDeploymentStatus Status { get; init; }

    /// <summary>The replicas of every revision Deployment to keep (revisions not listed are deleted).</summary>
    public required IReadOnlyDictionary<string, int> Replicas { get; init; }

    /// <summary>Where traffic goes; null for an external engine (no pods, no Services).</summary>
    public TrafficTargets? Traffic { get; init; }

    /// <summary>Whether the stable and canary Services are kept beside the main one (see <see cref="RolloutServices"/>).</summary>
    public bool RolloutServices { get; init; }

    /// <summary>EvaluationRuns to create.</summary>
    public IReadOnlyList<EvaluationRun> RunsToCreate { get; init; } = [];

    /// <summary>EvaluationRuns to delete (beyond the history limit).</summary>
    public IReadOnlyList<string> RunsToDelete { get; init; } = [];

    /// <summary>Events to record.</summary>
    public IReadOnlyList<PlannedEvent> Events { get; init; } = [];

    /// <summary>The per-case results to keep as the release of the stable revision, when they are not kept yet.</summary>
    public ReleaseRecording? RecordRelease { get; init; }

    /// <summary>Changes of what pods serve in their adapter slots (loads and unloads over HTTP).</summary>
    public IReadOnlyList<AdapterAction> AdapterActions { get; init; } = [];

    /// <summary>Changes of pods' adapters readiness gate conditions (after the loads, from what the pods' records say).</summary>
    public IReadOnlyList<AdapterGate> AdapterGates { get; init; } = [];

    /// <summary>When to reconcile again even if nothing changes (a pause ends, a deadline passes, a schedule is due).</summary>
    public TimeSpan? RequeueAfter { get; init; }
}
