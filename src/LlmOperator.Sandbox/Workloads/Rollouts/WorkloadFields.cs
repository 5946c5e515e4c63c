using System.Globalization;
using System.Text.Json.Nodes;
using LlmOperator.Api.Json;

namespace LlmOperator.Sandbox.Workloads.Rollouts;

/// <summary>The fields of Deployments and ReplicaSets that rollouts read and write.</summary>
internal static class WorkloadFields
{
    /// <summary>metadata.name.</summary>
    public static string Name(JsonObject obj) => obj["metadata"]?["name"]?.ToString() ?? "";

    /// <summary>spec.replicas (1 when unset, as the API server defaults it).</summary>
    public static long Replicas(JsonObject obj) => JsonKinds.TryGetInteger(obj["spec"]?["replicas"], out var replicas) ? replicas : 1;

    /// <summary>A count in status (replicas, readyReplicas, availableReplicas...), 0 when unset.</summary>
    public static long Status(JsonObject obj, string field) => JsonKinds.TryGetInteger(obj["status"]?[field], out var count) ? count : 0;

    /// <summary>Whether a Deployment's spec.paused is true.</summary>
    public static bool IsPaused(JsonObject deployment) =>
        deployment?["spec"]?["paused"] is JsonValue paused && paused.TryGetValue<bool>(out var value) && value;

    /// <summary>metadata.generation.</summary>
    public static long Generation(JsonObject obj) => JsonKinds.TryGetInteger(obj["metadata"]?["generation"], out var generation) ? generation : 0;

    /// <summary>The revision annotation as a number, 0 when missing or not a number.</summary>
    public static long Revision(JsonObject obj) =>
        long.TryParse(Annotation(obj, DeploymentAnnotations.Revision), NumberStyles.None, CultureInfo.InvariantCulture, out var revision) ? revision : 0;

    /// <summary>An annotation, or null.</summary>
    public static string? Annotation(JsonObject obj, string key) => obj["metadata"]?["annotations"]?[key]?.ToString();

    /// <summary>metadata.annotations, created when missing.</summary>
    public static JsonObject Annotations(JsonObject obj)
    {
        ArgumentNullException.ThrowIfNull(obj);
        var metadata = obj["metadata"] as JsonObject ?? throw new ArgumentException("The object has no metadata.", nameof(obj));
        if (metadata["annotations"] is not JsonObject annotations)
        {
            metadata["annotations"] = annotations = [];
        }

        return annotations;
    }
}
