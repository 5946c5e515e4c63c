using System.Text.Json.Nodes;
using LlmOperator.Sandbox.Resources;

namespace LlmOperator.Sandbox.Workloads;

/// <summary>Pods made from a workload's pod template, owned by it.</summary>
internal static class PodTemplates
{
    /// <summary>A new pod (to be created with its generateName) from an owner's spec.template.</summary>
    public static JsonObject NewPod(JsonObject owner, ResourceType ownerType, string generateName)
    {
        ArgumentNullException.ThrowIfNull(owner);
        ArgumentNullException.ThrowIfNull(ownerType);
        var template = owner["spec"]?["template"] as JsonObject ?? [];
        var metadata = new JsonObject
        {
            ["generateName"] = generateName,
            ["namespace"] = owner["metadata"]?["namespace"]?.DeepClone(),
            ["labels"] = template["metadata"]?["labels"]?.DeepClone() ?? new JsonObject(),
            ["ownerReferences"] = new JsonArray(ControllerReferences.To(owner, ownerType.ApiVersion, ownerType.Kind)),
        };
        if (template["metadata"]?["annotations"] is JsonObject annotations)
        {
            metadata["annotations"] = annotations.DeepClone();
        }

        return new JsonObject
        {
            ["apiVersion"] = "v1",
            ["kind"] = "Pod",
            ["metadata"] = metadata,
            ["spec"] = template["spec"]?.DeepClone() ?? new JsonObject(),
        };
    }
}
