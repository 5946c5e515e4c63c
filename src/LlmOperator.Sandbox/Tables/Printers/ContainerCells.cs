using System.Text.Json.Nodes;

namespace LlmOperator.Sandbox.Tables.Printers;

/// <summary>The wide CONTAINERS and IMAGES cells of workloads (the Go printers' <c>layoutContainerCells</c>).</summary>
internal static class ContainerCells
{
    /// <summary>The names and the images of a pod template's containers, each comma-separated.</summary>
    public static (string Names, string Images) Of(JsonNode? podSpec)
    {
        var containers = podSpec.Items("containers");
        return (string.Join(',', containers.Select(c => c.Text("name"))), string.Join(',', containers.Select(c => c.Text("image"))));
    }
}
