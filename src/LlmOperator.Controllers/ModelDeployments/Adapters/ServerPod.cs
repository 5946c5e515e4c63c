using k8s.Models;
using LlmOperator.Api.V1Alpha1;
using LlmOperator.Controllers.Engines;

namespace LlmOperator.Controllers.ModelDeployments.Adapters;

/// <summary>
/// What the adapter planner knows of one pod of a ModelDeployment: whether its server can be called, where,
/// how often its container restarted, and what its annotations record in each adapter slot.
/// </summary>
/// <param name="Name">The pod's name.</param>
/// <param name="Ready">
/// Its containers are ready (ContainersReady), it is not terminating and has an IP: the operator loads adapters onto
/// it. The pod's own Ready condition waits for them too, behind the adapters' readiness gate.
/// </param>
/// <param name="Server">The server's base URL (pod IP and the http container port), when it has an IP.</param>
/// <param name="Restarts">The server container's restart count.</param>
/// <param name="Slots">What each slot's annotation records.</param>
internal sealed record ServerPod(string Name, bool Ready, Uri? Server, int Restarts, IReadOnlyDictionary<AdapterSlot, PodAdapterRecord> Slots)
{
    /// <summary>The pods of ModelDeployments' revisions that serve adapters, as a label selector: the operator watches no other pods.</summary>
    public const string Selector = WellKnownLabels.ManagedBy + "=" + WellKnownLabels.ManagedByOperator + "," + LoraServing.PodLabel;

    /// <summary>The container the engine runs in (see the renderer).</summary>
    public const string ServerContainer = "server";

    /// <summary>Whether the pod has the adapters' readiness gate and is not terminating: the operator keeps the gate's condition.</summary>
    public bool Gated { get; init; }

    /// <summary>The status of the gate's condition on the pod: true, false, or null while it has none.</summary>
    public bool? GateOpen { get; init; }

    /// <summary>The pod's resourceVersion as read: a write of its gate is pinned to it.</summary>
    public string? ResourceVersion { get; init; }

    /// <summary>What the slot holds now: its record, unless the container restarted since (it then holds nothing).</summary>
    public PodAdapterRecord? Holding(AdapterSlot slot) => Slots.TryGetValue(slot, out var record) && record.Restarts == Restarts ? record : null;

    /// <summary>Whether the slot serves <paramref name="revision"/> now.</summary>
    public bool Serves(AdapterSlot slot, string revision) => Holding(slot)?.Revision == revision;

    /// <summary>A pod as the cache holds it.</summary>
    public static ServerPod Of(V1Pod pod)
    {
        ArgumentNullException.ThrowIfNull(pod);
        var container = pod.Spec?.Containers?.FirstOrDefault(c => c.Name == ServerContainer);
        var port = container?.Ports?.FirstOrDefault(p => p.Name == "http")?.ContainerPort;
        var ip = pod.Status?.PodIP;
        var host = ip?.Contains(':', StringComparison.Ordinal) == true ? $"[{ip}]" : ip;
        var server = string.IsNullOrEmpty(ip) || port is null ? null : new Uri($"http://{host}:{port}");
        var terminating = pod.Metadata.DeletionTimestamp is not null;
        var ready = !terminating && server is not null && Condition(pod, "ContainersReady") == true;
        var slots = new Dictionary<AdapterSlot, PodAdapterRecord>();
        foreach (var (key, value) in pod.Metadata.Annotations ?? new Dictionary<string, string>())
        {
            if (AdapterSlot.FromAnnotation(key) is { } slot && PodAdapterRecord.Parse(value) is { } record)
            {
                slots[slot] = record;
            }
        }

        var restarts = pod.Status?.ContainerStatuses?.FirstOrDefault(c => c.Name == ServerContainer)?.RestartCount ?? 0;
        return new ServerPod(pod.Metadata.Name, ready, server, restarts, slots)
        {
            Gated = !terminating && pod.Spec?.ReadinessGates?.Any(g => g.ConditionType == LoraServing.ReadinessGate) == true,
            GateOpen = Condition(pod, LoraServing.ReadinessGate),
            ResourceVersion = pod.Metadata.ResourceVersion,
        };
    }

    // A condition's status: true, false (False or Unknown), or null when the pod has none of that type.
    private static bool? Condition(V1Pod pod, string type) =>
        pod.Status?.Conditions?.FirstOrDefault(c => c.Type == type) is { } condition ? condition.Status == "True" : null;
}
