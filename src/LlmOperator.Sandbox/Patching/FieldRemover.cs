using System.Text.Json.Nodes;

namespace LlmOperator.Sandbox.Patching;

/// <summary>Finds and removes the value at a field path of an object.</summary>
internal static class FieldRemover
{
    /// <summary>
    /// Removes the value at a path, then each enclosing object or list that this leaves empty unless
    /// <paramref name="isOwned"/> says someone owns it (an empty map or list is omitted by the API server).
    /// </summary>
    public static void Remove(JsonObject root, FieldPath path, Func<FieldPath, bool> isOwned)
    {
        for (var current = path; !current.IsRoot; current = current.Parent)
        {
            if (!ReferenceEquals(current, path) && (Find(root, current) is not (JsonObject { Count: 0 } or JsonArray { Count: 0 }) || isOwned(current)))
            {
                return;
            }

            var last = current.Elements[^1];
            switch (Find(root, current.Parent))
            {
                case JsonObject obj when last.FieldName is { } name:
                    obj.Remove(name);
                    break;
                case JsonArray array when array.FirstOrDefault(last.Matches) is { } item:
                    array.Remove(item);
                    break;
                default:
                    return;
            }
        }
    }

    /// <summary>The value at a path; null when there is none.</summary>
    public static JsonNode? Find(JsonObject root, FieldPath path)
    {
        JsonNode? node = root;
        foreach (var element in path.Elements)
        {
            node = node switch
            {
                JsonObject obj when element.FieldName is { } name => obj[name],
                JsonArray array => array.FirstOrDefault(element.Matches),
                _ => null,
            };
        }

        return node;
    }
}
