using System.Text.Json.Nodes;
using LlmOperator.Api.Json;
using LlmOperator.Manifests.Schema;
using LlmOperator.Sandbox.Resources;
using LlmOperator.Sandbox.Server;
using LlmOperator.Sandbox.Storage;

namespace LlmOperator.Sandbox.Api;

/// <summary>The scale subresource (autoscaling/v1 Scale) of Deployments and ReplicaSets, used by kubectl scale.</summary>
internal static class ScaleSubresource
{
    /// <summary>The Scale view of an object.</summary>
    public static JsonObject Read(StoredObject stored)
    {
        ArgumentNullException.ThrowIfNull(stored);
        var obj = stored.ToJsonObject();
        var meta = ObjectMeta.Of(obj);
        var selector = obj["spec"]?["selector"]?["matchLabels"] as JsonObject ?? [];
        return new JsonObject
        {
            ["kind"] = "Scale",
            ["apiVersion"] = "autoscaling/v1",
            ["metadata"] = new JsonObject
            {
                ["name"] = meta["name"]?.DeepClone(),
                ["namespace"] = meta["namespace"]?.DeepClone(),
                ["uid"] = meta["uid"]?.DeepClone(),
                ["resourceVersion"] = meta["resourceVersion"]?.DeepClone(),
                ["creationTimestamp"] = meta["creationTimestamp"]?.DeepClone(),
            },
            ["spec"] = new JsonObject { ["replicas"] = obj["spec"]?["replicas"]?.DeepClone() ?? 0 },
            ["status"] = new JsonObject
            {
                ["replicas"] = obj["status"]?["replicas"]?.DeepClone() ?? 0,
                ["selector"] = string.Join(',', selector.Select(l => $"{l.Key}={l.Value}")),
            },
        };
    }

    /// <summary>
    /// Sets spec.replicas from a Scale; a resourceVersion in the Scale is a precondition. A Scale without replicas asks for 0,
    /// as the field is an omitempty int32 in Go (a Go client's JSON, and its protobuf as decoded, leave 0 out).
    /// </summary>
    public static WriteResult Write(ResourceService service, ResourceType type, string ns, string name, JsonObject scale, WriteOptions options)
    {
        ArgumentNullException.ThrowIfNull(service);
        ArgumentNullException.ThrowIfNull(scale);
        long replicas = 0;
        if (scale["spec"]?["replicas"] is { } requested && (!JsonKinds.TryGetInteger(requested, out replicas) || replicas < 0))
        {
            throw Statuses.Invalid(type, name, [new FieldError(
                "spec.replicas", FieldErrorType.Invalid, "must be greater than or equal to 0", scale["spec"]?["replicas"], showValue: true)]);
        }

        var pinned = scale["metadata"]?["resourceVersion"]?.ToString();
        return service.Mutate(type, ns, name, obj =>
        {
            if (!string.IsNullOrEmpty(pinned))
            {
                ObjectMeta.Of(obj)["resourceVersion"] = pinned;
            }

            ((JsonObject)obj["spec"]!)["replicas"] = replicas;
            return obj;
        }, status: false, options);
    }
}
