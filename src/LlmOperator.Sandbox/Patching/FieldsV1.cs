using System.Text.Json.Nodes;

namespace LlmOperator.Sandbox.Patching;

/// <summary>
/// The <c>fieldsV1</c> form of a field set in <c>metadata.managedFields</c>: a tree of <c>f:</c>/<c>k:</c>/<c>v:</c>
/// members where <c>{}</c> is an owned leaf and <c>".": {}</c> marks an owned field that also has owned fields inside.
/// </summary>
internal static class FieldsV1
{
    /// <summary>Writes a field set as a fieldsV1 tree.</summary>
    public static JsonObject Write(FieldSet set)
    {
        var root = new Node();
        foreach (var path in set.Sorted)
        {
            var node = root;
            foreach (var element in path.Elements)
            {
                node = node.Children.TryGetValue(element, out var child) ? child : node.Children[element] = new Node();
            }

            node.IsMember = true;
        }

        return root.ToJson();
    }

    /// <summary>Reads a fieldsV1 tree; null when it is not one.</summary>
    public static FieldSet? TryRead(JsonNode? fields)
    {
        var paths = new List<FieldPath>();
        return fields is JsonObject obj && TryRead(obj, FieldPath.Root, paths) ? new FieldSet(paths) : null;
    }

    private static bool TryRead(JsonObject fields, FieldPath path, List<FieldPath> paths)
    {
        foreach (var (name, value) in fields)
        {
            if (name == ".")
            {
                paths.Add(path);
                continue;
            }

            if (PathElement.TryParse(name) is not { } element || value is not JsonObject inner)
            {
                return false;
            }

            var child = path.Append(element);
            if (inner.Count == 0)
            {
                paths.Add(child);
            }
            else if (!TryRead(inner, child, paths))
            {
                return false;
            }
        }

        return true;
    }

    private sealed class Node
    {
        public bool IsMember { get; set; }

        public SortedDictionary<PathElement, Node> Children { get; } = [];

        public JsonObject ToJson()
        {
            var json = new JsonObject();
            foreach (var (element, child) in Children)
            {
                var inner = child.ToJson();
                if (child.IsMember && child.Children.Count > 0)
                {
                    inner.Insert(0, ".", new JsonObject());
                }

                json[element.Serialized] = inner;
            }

            return json;
        }
    }
}
