namespace LlmOperator.Controllers.ModelDeployments.Adapters;

/// <summary>
/// One change to what a pod serves in an adapter slot, as the planner decides it: load a revision (after
/// unloading what the slot holds, if anything), or empty the slot (unloading what it holds, if anything, and
/// dropping its record).
/// </summary>
/// <param name="Pod">The pod.</param>
/// <param name="Server">The pod's server.</param>
/// <param name="Restarts">The server container's restart count, recorded with what is loaded.</param>
/// <param name="Slot">The slot.</param>
/// <param name="Holding">What the slot holds now, per the pod's record (null: nothing, or lost by a restart).</param>
/// <param name="Load">The revision to load and the lora_path to load it from; null to empty the slot.</param>
/// <param name="Release">
/// Revisions the pod's adapter loader may delete once the action succeeds: what the slot held or was fetching, which no
/// slot of the pod holds or is to hold (none when null).
/// </param>
internal sealed record AdapterAction(
    string Pod, Uri Server, int Restarts, AdapterSlot Slot, PodAdapterRecord? Holding, AdapterLoad? Load, IReadOnlyList<string>? Release = null);
