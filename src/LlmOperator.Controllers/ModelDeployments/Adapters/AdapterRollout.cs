using LlmOperator.Api.V1Alpha1;
using LlmOperator.Controllers.ModelDeployments.Planning;

namespace LlmOperator.Controllers.ModelDeployments.Adapters;

/// <summary>
/// The releases of a ModelDeployment's LoRA adapters, planned after its own rollout from the same inputs and
/// the pods' adapter records: each adapter's release (<see cref="AdapterRelease"/>), the loads and unloads
/// that bring every ready pod to what the releases want (<see cref="AdapterLoads"/>), each pod's readiness gate
/// (<see cref="AdapterReadiness"/>), the runs no adapter keeps, and the ModelDeployment's phase: an adapter's
/// phase shows there when it is worse than the model's own (Degraded, then Paused, then Progressing), so that
/// kubectl and Argo CD see an adapter's rollout.
/// Adapters are never part of the model's revision: their changes touch no Deployment.
/// </summary>
internal static class AdapterRollout
{
    public static void Plan(RolloutPlanBuilder plan)
    {
        var fleet = new AdapterFleet(plan.Inputs.Pods);
        var adapters = plan.Spec.Adapters ?? [];
        var desired = new Dictionary<AdapterSlot, AdapterLoad>();
        if (!plan.Inputs.Profile.RunsPods || (adapters.Count == 0 && plan.Status.Adapters is null && fleet.All.All(p => p.Slots.Count == 0)))
        {
            AdapterReadiness.Plan(plan, fleet, desired);
            return;
        }

        var known = (plan.Status.Adapters ?? []).ToDictionary(a => a.Name, StringComparer.Ordinal);
        var statuses = new List<AdapterStatus>();
        foreach (var adapter in adapters)
        {
            var status = known.GetValueOrDefault(adapter.Name) ?? new AdapterStatus { Name = adapter.Name };
            AdapterRelease.Plan(plan, adapter, status, fleet, desired);
            statuses.Add(status);
        }

        foreach (var removed in known.Keys.Except(adapters.Select(a => a.Name), StringComparer.Ordinal))
        {
            plan.Note("AdapterRemoved", $"Adapter {removed} is no longer in spec.adapters: it is unloaded from every pod");
        }

        plan.Status.Adapters = statuses.Count == 0 ? null : statuses;
        AdapterLoads.Plan(plan, fleet, desired);
        AdapterReadiness.Plan(plan, fleet, desired);
        AdapterRuns.Clean(plan, statuses);
        ShowWorst(plan, statuses);
    }

    private static void ShowWorst(RolloutPlanBuilder plan, IReadOnlyList<AdapterStatus> statuses)
    {
        var worst = statuses.Where(s => s.Phase is not null).MaxBy(s => Severity(s.Phase));
        if (worst is null || Severity(worst.Phase) <= Severity(plan.Status.Phase))
        {
            return;
        }

        var message = $"Adapter {worst.Name}: {worst.Message}";
        plan.Phase(worst.Phase!.Value, message);
        if (worst.Phase == RolloutPhase.Degraded)
        {
            plan.Degraded ??= (worst.Reason ?? "AdapterDegraded", message);
        }
    }

    private static int Severity(RolloutPhase? phase) => phase switch
    {
        RolloutPhase.Degraded => 3,
        RolloutPhase.Paused => 2,
        RolloutPhase.Progressing => 1,
        _ => 0,
    };
}
