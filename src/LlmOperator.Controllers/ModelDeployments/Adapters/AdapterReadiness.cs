using LlmOperator.Controllers.ModelDeployments.Planning;

namespace LlmOperator.Controllers.ModelDeployments.Adapters;

/// <summary>
/// The adapters readiness gate of each pod that has it, from what the pod's records say it serves, so that its
/// Services send it no request for an adapter before it serves it: True once it serves every adapter under the
/// adapter's own name (canary names do not count: only evaluations send them, and they wait for every pod), at
/// once when there is none; False again when its server container restarted and lost what it had loaded, until
/// that is loaded again. A pod that serves already stays in its Services while an adapter new to the spec is
/// loaded: no client asks for that name yet, and taking every pod out at once would stop the base model too.
/// Only changes of the condition's status are written.
/// </summary>
internal static class AdapterReadiness
{
    /// <summary>The reason of a True condition.</summary>
    public const string Loaded = "AdaptersLoaded";

    /// <summary>The reason of a False condition: a restart lost what was loaded.</summary>
    public const string Lost = "AdaptersLost";

    public static void Plan(RolloutPlanBuilder plan, AdapterFleet fleet, IReadOnlyDictionary<AdapterSlot, AdapterLoad> desired)
    {
        var adapters = desired.Keys.Where(s => !s.Canary).OrderBy(s => s.Adapter, StringComparer.Ordinal).ToList();
        foreach (var pod in fleet.All.Where(p => p.Gated))
        {
            var missing = adapters.Where(s => pod.Holding(s)?.Revision is null).ToList();
            if (missing.Count == 0)
            {
                if (pod.GateOpen != true)
                {
                    var serves = adapters.Count == 0 ? "There are no adapters to load." : $"Serves {string.Join(", ", adapters)}.";
                    plan.SetAdapterGate(new AdapterGate(pod.Name, pod.ResourceVersion, Open: true, Loaded, serves));
                }

                continue;
            }

            // A record of a revision loaded before the container's last restart: the engine lost it.
            var lost = missing.Where(s => pod.Slots.TryGetValue(s, out var record) && record.Revision is not null && record.Restarts != pod.Restarts).ToList();
            if (pod.GateOpen == true && lost.Count > 0)
            {
                plan.SetAdapterGate(new AdapterGate(
                    pod.Name, pod.ResourceVersion, Open: false, Lost, $"The server container restarted and lost {string.Join(", ", lost)}; loading again."));
            }
        }
    }
}
