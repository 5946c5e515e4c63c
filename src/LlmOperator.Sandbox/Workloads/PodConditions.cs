using System.Text.Json.Nodes;

namespace LlmOperator.Sandbox.Workloads;

/// <summary>What a pod's status conditions say, as the workload controllers read them.</summary>
internal static class PodConditions
{
    /// <summary>Whether the pod's Ready condition is True (the sandbox has no minReadySeconds, so ready is available).</summary>
    public static bool IsReady(JsonObject pod)
    {
        ArgumentNullException.ThrowIfNull(pod);
        return (pod["status"]?["conditions"] as JsonArray ?? []).Any(c => c?["type"]?.ToString() == "Ready" && c["status"]?.ToString() == "True");
    }
}
