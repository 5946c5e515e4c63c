using System.Text.Json.Nodes;
using LlmOperator.Sandbox.Server;

namespace LlmOperator.Sandbox.Workloads;

/// <summary>The kubelet's view of one container, written into the pod's containerStatuses.</summary>
internal sealed class ContainerState(string name, string image)
{
    /// <summary>The container's name.</summary>
    public string Name { get; } = name;

    /// <summary>Whether its readiness check passes.</summary>
    public bool Ready { get; set; }

    /// <summary>How many times it was restarted.</summary>
    public int RestartCount { get; set; }

    /// <summary>When the current run started, if running.</summary>
    public DateTimeOffset? RunningSince { get; set; }

    /// <summary>The exit code of the last run, once it ended.</summary>
    public int? ExitCode { get; set; }

    /// <summary>When the last run ended.</summary>
    public DateTimeOffset? FinishedAt { get; set; }

    /// <summary>Why it is waiting (for example CrashLoopBackOff), if it is.</summary>
    public string? WaitingReason { get; set; }

    /// <summary>Whether it ran to an end and will not run again.</summary>
    public bool Done { get; set; }

    /// <summary>The containerStatuses entry.</summary>
    public JsonObject ToStatus()
    {
        JsonObject state;
        if (WaitingReason is not null)
        {
            state = new JsonObject { ["waiting"] = new JsonObject { ["reason"] = WaitingReason } };
        }
        else if (RunningSince is { } since)
        {
            state = new JsonObject { ["running"] = new JsonObject { ["startedAt"] = ObjectMeta.Timestamp(since) } };
        }
        else if (ExitCode is { } code)
        {
            state = new JsonObject
            {
                ["terminated"] = new JsonObject
                {
                    ["exitCode"] = code,
                    ["reason"] = code == 0 ? "Completed" : "Error",
                    ["finishedAt"] = FinishedAt is { } finished ? ObjectMeta.Timestamp(finished) : null,
                },
            };
        }
        else
        {
            state = new JsonObject { ["waiting"] = new JsonObject { ["reason"] = "ContainerCreating" } };
        }

        return new JsonObject
        {
            ["name"] = Name,
            ["image"] = image,
            ["imageID"] = "",
            ["ready"] = Ready,
            ["restartCount"] = RestartCount,
            ["started"] = RunningSince is not null,
            ["state"] = state,
        };
    }
}
