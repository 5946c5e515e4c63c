using LlmOperator.Api.V1Alpha1;
using LlmOperator.Controllers.ModelDeployments.Planning;

namespace LlmOperator.Controllers.ModelDeployments.Adapters;

/// <summary>
/// What each ready pod must load and unload so that its adapter slots serve what the releases decided, read
/// against the records on the pods: a slot that serves the wanted revision is left alone, a call that failed
/// is tried again only once its backoff has passed, a version the pod's adapter loader is fetching is asked for again
/// every few seconds, and a slot no release wants is emptied. What a slot leaves that no slot of the pod holds or is to
/// hold is released from the pod's adapter loader, so that its disk does not fill. The
/// AdaptersLoaded condition says whether every ready pod serves what it should, and what failed if not.
/// </summary>
internal static class AdapterLoads
{
    public static void Plan(RolloutPlanBuilder plan, AdapterFleet fleet, IReadOnlyDictionary<AdapterSlot, AdapterLoad> desired)
    {
        var waiting = 0;
        (ServerPod Pod, AdapterSlot Slot, AdapterCallFailure Failure)? failed = null;
        var wanted = desired.Values.Select(l => l.Revision).ToHashSet(StringComparer.Ordinal);
        foreach (var pod in fleet.Ready)
        {
            foreach (var slot in desired.Keys.Union(pod.Slots.Keys))
            {
                var holding = pod.Holding(slot);
                var load = desired.GetValueOrDefault(slot);
                if (load is null ? holding?.Revision is null && !pod.Slots.ContainsKey(slot) : holding?.Revision == load.Revision)
                {
                    continue;
                }

                waiting++;
                if (holding?.Failed is { } failure && failure.Revision == load?.Revision)
                {
                    if (failed is null || failure.Attempts > failed.Value.Failure.Attempts)
                    {
                        failed = (pod, slot, failure);
                    }

                    if (plan.Now < failure.RetryAt)
                    {
                        plan.RequeueAt(failure.RetryAt);
                        continue;
                    }
                }

                if (holding?.Fetching is { } fetching && fetching.Revision == load?.Revision && plan.Now < fetching.AskAt)
                {
                    plan.RequeueAt(fetching.AskAt);
                    continue;
                }

                plan.ChangeAdapter(new AdapterAction(pod.Name, pod.Server!, pod.Restarts, slot, holding, load, Released(pod, slot, holding, wanted)));
            }
        }

        var conditions = plan.Status.Conditions ??= [];
        if (plan.Spec.Adapters is null && desired.Count == 0 && waiting == 0)
        {
            Conditions.Remove(conditions, ConditionTypes.AdaptersLoaded);
            return;
        }

        var (status, reason, message) = failed is (var where, var what, var f)
            ? (ConditionStatus.False, f.Reason,
                $"Pod {where.Name} could not {(f.Revision is null ? "unload" : $"load revision {f.Revision} of")} {what.ServedName} " +
                    $"({f.Attempts} attempt(s) in a row): {f.Message}")
            : waiting > 0
                ? (ConditionStatus.False, "Loading", $"{waiting} adapter change(s) under way on {fleet.Ready.Count} ready pod(s).")
                : (ConditionStatus.True, "Loaded", $"Every ready pod ({fleet.Ready.Count}) serves the adapters it should.");
        Conditions.Set(conditions, ConditionTypes.AdaptersLoaded, status, reason, message, plan.Status.ObservedGeneration, plan.Now);
    }

    // What the slot held or was fetching that no release wants and no other slot of the pod holds.
    private static List<string>? Released(ServerPod pod, AdapterSlot slot, PodAdapterRecord? holding, HashSet<string> wanted)
    {
        string?[] left = [holding?.Revision, holding?.Fetching?.Revision];
        var released = left.OfType<string>()
            .Where(r => !wanted.Contains(r) && !pod.Slots.Keys.Any(other => other != slot && pod.Holding(other)?.Revision == r))
            .Distinct(StringComparer.Ordinal)
            .ToList();
        return released.Count > 0 ? released : null;
    }
}
