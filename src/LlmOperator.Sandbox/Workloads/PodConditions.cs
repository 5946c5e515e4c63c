using System.Text.Json.Nodes;

namespace LlmOperator.Sandbox.Workloads;

/// <summary>What a pod's status conditions say, as the workload controllers read them and the kubelet writes them.</summary>
internal static class PodConditions
{
    /// <summary>Whether the pod's Ready condition is True (the sandbox has no minReadySeconds, so ready is available).</summary>
    public static bool IsReady(JsonObject pod)
    {
        ArgumentNullException.ThrowIfNull(pod);
        return Find(pod["status"]?["conditions"] as JsonArray, "Ready")?["status"]?.ToString() == "True";
    }

    /// <summary>
    /// Whether the kubelet writes conditions of this type (kubelet's types.PodConditionsByKubelet); any other, such as a
    /// readiness gate's, is a client's, and the kubelet keeps it through its own status writes.
    /// </summary>
    public static bool OwnedByKubelet(string? type) => type is "PodScheduled" or "Initialized" or "ContainersReady" or "Ready" or "PodReadyToStartContainers";

    /// <summary>
    /// The Ready condition's status, reason and message as the kubelet generates them (pkg/kubelet/status/generate.go,
    /// GeneratePodReadyCondition): those of ContainersReady while it is not True; otherwise False with
    /// ReadinessGatesNotReady while a condition of a readiness gate in the pod's spec is missing or not True.
    /// </summary>
    public static (bool Ready, string? Reason, string? Message) Ready(JsonObject pod, JsonArray? conditions)
    {
        ArgumentNullException.ThrowIfNull(pod);
        var containers = Find(conditions, "ContainersReady");
        if (containers?["status"]?.ToString() != "True")
        {
            return (false, containers?["reason"]?.ToString(), containers?["message"]?.ToString());
        }

        var unready = new List<string>();
        foreach (var type in (pod["spec"]?["readinessGates"] as JsonArray ?? []).Select(g => g?["conditionType"]?.ToString() ?? ""))
        {
            var status = Find(conditions, type)?["status"]?.ToString();
            if (status is null)
            {
                unready.Add($"corresponding condition of pod readiness gate \"{type}\" does not exist.");
            }
            else if (status != "True")
            {
                unready.Add($"the status of pod readiness gate \"{type}\" is not \"True\", but {status}");
            }
        }

        return unready.Count == 0 ? (true, null, null) : (false, "ReadinessGatesNotReady", string.Join(", ", unready));
    }

    /// <summary>
    /// Whether the pod's Ready condition says other than its conditions and readiness gates make of it (its status, reason
    /// or message): a client changed a gate's condition.
    /// </summary>
    public static bool ReadyIsStale(JsonObject pod)
    {
        ArgumentNullException.ThrowIfNull(pod);
        var conditions = pod["status"]?["conditions"] as JsonArray;
        if (Find(conditions, "ContainersReady") is null)
        {
            return false;
        }

        var (ready, reason, message) = Ready(pod, conditions);
        var written = Find(conditions, "Ready");
        return ready != IsReady(pod) || reason != written?["reason"]?.ToString() || message != written?["message"]?.ToString();
    }

    private static JsonNode? Find(JsonArray? conditions, string type) => (conditions ?? []).FirstOrDefault(c => c?["type"]?.ToString() == type);
}
