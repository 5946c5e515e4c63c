using System.Text.Json.Nodes;

namespace LlmOperator.Sandbox.Workloads.Rollouts;

/// <summary>
/// A Deployment's status.conditions, changed as the Deployment controller changes them: a condition
/// whose status and reason stay is left alone, one whose status stays keeps its lastTransitionTime,
/// and a changed condition moves to the end of the list.
/// </summary>
internal sealed class DeploymentConditions(JsonArray conditions, string now)
{
    /// <summary>The conditions.</summary>
    public JsonArray Items => conditions;

    /// <summary>The condition of a type, or null.</summary>
    public JsonObject? Get(string type) => conditions.OfType<JsonObject>().FirstOrDefault(c => c["type"]?.ToString() == type);

    /// <summary>Sets a condition unless it already has this status and reason.</summary>
    public void Set(string type, string status, string reason, string message)
    {
        var current = Get(type);
        if (current?["status"]?.ToString() == status && current["reason"]?.ToString() == reason)
        {
            return;
        }

        Replace(type, status, reason, message, current?["status"]?.ToString() == status ? current["lastTransitionTime"]?.ToString() : null);
    }

    /// <summary>Sets a condition even when its status and reason stay, to mark progress by its lastUpdateTime.</summary>
    public void Renew(string type, string status, string reason, string message)
    {
        var current = Get(type);
        Replace(type, status, reason, message, current?["status"]?.ToString() == status ? current["lastTransitionTime"]?.ToString() : null);
    }

    private void Replace(string type, string status, string reason, string message, string? lastTransitionTime)
    {
        if (Get(type) is { } current)
        {
            conditions.Remove(current);
        }

        conditions.Add(new JsonObject
        {
            ["type"] = type,
            ["status"] = status,
            ["lastUpdateTime"] = now,
            ["lastTransitionTime"] = lastTransitionTime ?? now,
            ["reason"] = reason,
            ["message"] = message,
        });
    }
}
