using System.Text.Json.Nodes;
using LlmOperator.Sandbox.Hosting;

namespace LlmOperator.Sandbox.Workloads;

/// <summary>Which containers run as real local processes: those of the operator's image (any tag or digest), when llmop can be started.</summary>
internal static class ProcessContainers
{
    /// <summary>Whether <paramref name="container"/> runs as a process under <paramref name="options"/>.</summary>
    public static bool RunsAsProcess(SandboxOptions options, JsonObject container)
    {
        if (options.LlmopCommand is null || container["image"]?.ToString() is not { } image)
        {
            return false;
        }

        var repository = image.Split('@')[0];
        var slash = repository.LastIndexOf('/');
        var colon = repository.LastIndexOf(':');
        if (colon > slash)
        {
            repository = repository[..colon];
        }

        return repository == options.OperatorImage;
    }
}
