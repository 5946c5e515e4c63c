using System.Text.Json.Nodes;

namespace LlmOperator.Sandbox.Workloads.Rollouts;

/// <summary>What the Deployment controller does in one pass, as <see cref="RolloutPlanner"/> decided it.</summary>
/// <param name="Created">A ReplicaSet to create (the new template's), or null.</param>
/// <param name="Changed">Existing ReplicaSets with new spec.replicas or annotations, as they should be written.</param>
/// <param name="Pruned">Old ReplicaSets to delete, beyond spec.revisionHistoryLimit.</param>
/// <param name="Scalings">The ScalingReplicaSet event messages, in order.</param>
/// <param name="NewReplicaSet">The ReplicaSet of the current template after the plan, or null (none yet, or paused).</param>
/// <param name="ReplicaSets">All the Deployment's ReplicaSets after the plan (the pruned ones too: their pods still count).</param>
internal sealed record RolloutPlan(
    JsonObject? Created,
    IReadOnlyList<JsonObject> Changed,
    IReadOnlyList<string> Pruned,
    IReadOnlyList<string> Scalings,
    JsonObject? NewReplicaSet,
    IReadOnlyList<JsonObject> ReplicaSets)
{
    /// <summary>The Deployment's revision annotation after the plan: its new ReplicaSet's, or unchanged (null) without one.</summary>
    public string? Revision => NewReplicaSet is null ? null : WorkloadFields.Annotation(NewReplicaSet, DeploymentAnnotations.Revision);
}
