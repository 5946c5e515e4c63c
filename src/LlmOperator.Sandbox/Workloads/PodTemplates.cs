using System.Text.Json.Nodes;
using LlmOperator.Sandbox.Resources;

namespace LlmOperator.Sandbox.Workloads;

/// <summary>Pods made from a workload's pod template, owned by it.</summary>
internal static class PodTemplates
{
    /// <summary>A new pod (to be created with its generateName) from an owner's spec.template.</summary>
    public static JsonObject NewPod(JsonObject owner, ResourceType ownerType, string generateName, IReadOnlyDictionary<string, string> extraLabels)
    {
        ArgumentNullException.ThrowIfNull(owner);
        ArgumentNullException.ThrowIfNull(ownerType);
        ArgumentNullException.ThrowIfNull(extraLabels);
        var template = owner["spec"]?["template"] as JsonObject ?? [];
        var labels = template["metadata"]?["labels"]?.DeepClone() as JsonObject ?? [];
        foreach (var (key, value) in extraLabels)
        {
            labels[key] = value;
        }

        var metadata = new JsonObject
        {
            ["generateName"] = generateName,
            ["namespace"] = owner["metadata"]?["namespace"]?.DeepClone(),
            ["labels"] = labels,
            ["ownerReferences"] = new JsonArray(new JsonObject
            {
                ["apiVersion"] = ownerType.ApiVersion,
                ["kind"] = ownerType.Kind,
                ["name"] = owner["metadata"]?["name"]?.DeepClone(),
                ["uid"] = owner["metadata"]?["uid"]?.DeepClone(),
                ["controller"] = true,
                ["blockOwnerDeletion"] = true,
            }),
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

    /// <summary>The uid of the object's controller (the owner reference with controller: true), if any.</summary>
    public static string? ControllerUid(JsonObject obj, string kind)
    {
        ArgumentNullException.ThrowIfNull(obj);
        return (obj["metadata"]?["ownerReferences"] as JsonArray ?? [])
            .FirstOrDefault(o => o?["kind"]?.ToString() == kind && o["controller"]?.GetValue<bool>() == true)?["uid"]?.ToString();
    }
}
