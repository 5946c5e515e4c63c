using System.Text.Json.Nodes;

namespace LlmOperator.Kubernetes.Access;

/// <summary>
/// Builds RFC 7386 JSON merge patches from two versions of a document: only what changed is sent,
/// so fields other writers own are left alone (the reason we never PUT objects we did not create).
/// </summary>
internal static class MergePatch
{
    /// <summary>
    /// The merge patch that turns <paramref name="original"/> into <paramref name="modified"/>, or null
    /// when they are equal. Removed members become null; arrays are replaced whole, as RFC 7386 says.
    /// </summary>
    public static JsonNode? Create(JsonNode? original, JsonNode? modified)
    {
        if (JsonNode.DeepEquals(original, modified))
        {
            return null;
        }

        if (original is not JsonObject before || modified is not JsonObject after)
        {
            // A null in a merge patch means "remove"; replacing a value by null is the same thing.
            return modified?.DeepClone();
        }

        var patch = new JsonObject();
        foreach (var (name, _) in before)
        {
            if (!after.ContainsKey(name))
            {
                patch[name] = null;
            }
        }

        foreach (var (name, value) in after)
        {
            if (!before.TryGetPropertyValue(name, out var old))
            {
                patch[name] = value?.DeepClone();
            }
            else if (!JsonNode.DeepEquals(old, value))
            {
                patch[name] = old is JsonObject && value is JsonObject ? Create(old, value) : value?.DeepClone();
            }
        }

        return patch;
    }
}
