using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace LlmOperator.Sandbox.Workloads.Rollouts;

/// <summary>
/// The pod-template-hash of a Deployment's pod template: the label, and the name suffix, of the
/// ReplicaSet that runs that template. Like Kubernetes' it is an FNV-1a hash written in the letters of
/// its safe alphabet. Two templates are the same when they differ only in that label and in what a
/// typed round trip drops (nulls, empty strings, false, empty objects and lists), so that the template
/// kubectl rollout undo copies back from a ReplicaSet finds that ReplicaSet again.
/// </summary>
internal static class PodTemplateHash
{
    /// <summary>The label a Deployment adds to its ReplicaSets' selectors, labels and pod templates.</summary>
    public const string Label = "pod-template-hash";

    private const string Alphabet = "bcdfghjklmnpqrstvwxz2456789";

    /// <summary>The hash of a pod template.</summary>
    public static string Of(JsonNode? template)
    {
        var hash = 2166136261u;
        foreach (var b in Encoding.UTF8.GetBytes(Canonical(template)))
        {
            hash = unchecked((hash ^ b) * 16777619u);
        }

        return string.Concat(hash.ToString(CultureInfo.InvariantCulture).Select(digit => Alphabet[digit % Alphabet.Length]));
    }

    /// <summary>Whether two pod templates are the same but for the hash label.</summary>
    public static bool Same(JsonNode? template, JsonNode? other) => Canonical(template) == Canonical(other);

    private static string Canonical(JsonNode? template)
    {
        var copy = template?.DeepClone();
        if (copy?["metadata"]?["labels"] is JsonObject labels)
        {
            labels.Remove(Label);
        }

        return Normalize(copy)?.ToJsonString() ?? "";
    }

    private static JsonNode? Normalize(JsonNode? node) => node switch
    {
        JsonObject obj => new JsonObject(obj
            .Select(p => KeyValuePair.Create(p.Key, Normalize(p.Value)))
            .Where(p => !IsEmpty(p.Value))
            .OrderBy(p => p.Key, StringComparer.Ordinal)),
        JsonArray array => new JsonArray([.. array.Select(Normalize)]),
        _ => node?.DeepClone(),
    };

    private static bool IsEmpty(JsonNode? node) => node switch
    {
        null => true,
        JsonObject obj => obj.Count == 0,
        JsonArray array => array.Count == 0,
        JsonValue value => value.ToJsonString() is "\"\"" or "false",
        _ => false,
    };
}
