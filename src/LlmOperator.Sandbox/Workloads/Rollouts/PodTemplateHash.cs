using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
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

    /// <summary>
    /// The form two pod templates share when they are the same but for the hash label: compact JSON of the template
    /// without that label and without empty values, object keys in ordinal order. Written straight from the template,
    /// without copying it, since the Deployment controller compares its template with its ReplicaSets' on every sync.
    /// </summary>
    public static string Canonical(JsonNode? template)
    {
        if (template is null)
        {
            return "";
        }

        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            Write(writer, template, template["metadata"]?["labels"] as JsonObject);
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static void Write(Utf8JsonWriter writer, JsonNode? node, JsonObject? hashLabels)
    {
        switch (node)
        {
            case null:
                writer.WriteNullValue();
                break;
            case JsonObject obj:
                writer.WriteStartObject();
                foreach (var (key, value) in Kept(obj, hashLabels).OrderBy(p => p.Key, StringComparer.Ordinal))
                {
                    writer.WritePropertyName(key);
                    Write(writer, value, hashLabels);
                }

                writer.WriteEndObject();
                break;
            case JsonArray array:
                writer.WriteStartArray();
                foreach (var item in array)
                {
                    Write(writer, item, hashLabels);
                }

                writer.WriteEndArray();
                break;
            default:
                node.WriteTo(writer);
                break;
        }
    }

    // An object's properties that the canonical form keeps: not the hash label, not empty once their own empties are gone.
    private static IEnumerable<KeyValuePair<string, JsonNode?>> Kept(JsonObject obj, JsonObject? hashLabels) =>
        obj.Where(p => !(ReferenceEquals(obj, hashLabels) && p.Key == Label) && !IsEmpty(p.Value, hashLabels));

    // What a typed round trip drops: nulls, empty strings, false, and objects and lists left with nothing in them.
    private static bool IsEmpty(JsonNode? node, JsonObject? hashLabels) => node switch
    {
        null => true,
        JsonObject obj => !Kept(obj, hashLabels).Any(),
        JsonArray array => array.Count == 0,
        JsonValue value => value.ToJsonString() is "\"\"" or "false",
        _ => false,
    };
}
