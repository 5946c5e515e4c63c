using System.Text.Json.Nodes;

namespace LlmOperator.Sandbox.Patching;

/// <summary>
/// The directives of a strategic merge patch (k8s.io/apimachinery/pkg/util/strategicpatch) and the errors the
/// API server answers a misuse of them with.
/// </summary>
internal static class PatchDirectives
{
    public const string Marker = "$patch";
    public const string Replace = "replace";
    public const string Delete = "delete";
    public const string Merge = "merge";
    public const string RetainKeys = "$retainKeys";
    public const string DeleteFromPrimitiveList = "$deleteFromPrimitiveList";
    public const string SetElementOrder = "$setElementOrder";

    /// <summary>The list a parallel-list directive such as <c>$setElementOrder/containers</c> is about.</summary>
    public static string ListName(string key, string prefix)
    {
        var slash = key.IndexOf('/', StringComparison.Ordinal);
        if (slash < 0 || key[..slash] != prefix)
        {
            throw PatchException.Malformed(prefix == SetElementOrder
                ? "invalid patch format of setElementOrder list"
                : "invalid patch format of primitive list");
        }

        return key[(slash + 1)..];
    }

    /// <summary>Whether a list item is an object that carries <c>$patch</c>.</summary>
    public static bool HasMarker(JsonNode? item) => item is JsonObject obj && obj.ContainsKey(Marker);

    /// <summary>Whether a list item is an object that asks for its own deletion.</summary>
    public static bool IsDeletion(JsonNode? item) =>
        item is JsonObject obj && obj[Marker] is JsonValue value && value.TryGetValue<string>(out var directive) && directive == Delete;

    /// <summary>
    /// A copy of a patch value to store where there is nothing to merge it with: null members dropped and
    /// directives removed (an object carrying <c>$patch</c> is dropped as a whole, as the API server does).
    /// False when the value itself is such an object.
    /// </summary>
    public static bool TryStrip(JsonNode? value, out JsonNode? stripped)
    {
        stripped = null;
        switch (value)
        {
            case JsonObject obj when obj.ContainsKey(Marker):
                return false;
            case JsonObject obj:
                var copy = new JsonObject();
                foreach (var (name, member) in obj)
                {
                    if (member is not null && !IsDirectiveKey(name) && TryStrip(member, out var strippedMember))
                    {
                        copy[name] = strippedMember;
                    }
                }

                stripped = copy;
                return true;
            case JsonArray array:
                var items = new JsonArray();
                foreach (var item in array)
                {
                    if (TryStrip(item, out var strippedItem))
                    {
                        items.Add(strippedItem);
                    }
                }

                stripped = items;
                return true;
            default:
                stripped = value?.DeepClone();
                return true;
        }
    }

    /// <summary>"unknown patch type: X in map: map[...]".</summary>
    public static PatchException UnknownPatchType(JsonNode? directive, JsonObject item) =>
        PatchException.Malformed($"unknown patch type: {GoText.Format(directive)} in map: {GoText.Format(item)}");

    /// <summary>"map: map[...] does not contain declared merge key: name".</summary>
    public static PatchException NoMergeKey(JsonNode? item, string mergeKey) =>
        PatchException.Malformed($"map: {GoText.Format(item)} does not contain declared merge key: {mergeKey}");

    /// <summary>"expected a map[string]interface {}, but received a string" and the like.</summary>
    public static PatchException BadArgType(string expected, JsonNode? actual) =>
        PatchException.Malformed($"expected a {expected}, but received a {GoTypeName(actual)}");

    private static bool IsDirectiveKey(string name) =>
        name == RetainKeys
        || name.StartsWith(SetElementOrder + "/", StringComparison.Ordinal)
        || name.StartsWith(DeleteFromPrimitiveList + "/", StringComparison.Ordinal);

    private static string GoTypeName(JsonNode? node) => GoText.JsonTypeName(node) switch
    {
        "object" => "map[string]interface {}",
        "array" => "[]interface {}",
        "number" => "float64",
        "null" => "<nil>",
        var name => name,
    };
}
