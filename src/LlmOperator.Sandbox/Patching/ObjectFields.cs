using System.Text.Json.Nodes;

namespace LlmOperator.Sandbox.Patching;

/// <summary>
/// Every path of an object under a kind's merge rules: objects are walked field by field, set and map lists item
/// by item, and everything else is a leaf. The applied configuration's members are the fields its manager owns.
/// </summary>
internal sealed class ObjectFields
{
    private readonly IMergeRules _rules;
    private readonly bool _isConfiguration;
    private readonly Dictionary<FieldPath, FieldNode> _nodes = [];

    private ObjectFields(IMergeRules rules, bool isConfiguration)
    {
        _rules = rules;
        _isConfiguration = isConfiguration;
    }

    /// <summary>
    /// The paths of an applied configuration, which must be well formed: map list items need their key fields
    /// and no two items may share a key.
    /// </summary>
    public static IReadOnlyDictionary<FieldPath, FieldNode> OfConfiguration(JsonObject configuration, IMergeRules rules) =>
        Walk(configuration, rules, isConfiguration: true);

    /// <summary>The paths of a stored object; items that cannot be identified are left out rather than refused.</summary>
    public static IReadOnlyDictionary<FieldPath, FieldNode> OfObject(JsonObject obj, IMergeRules rules) =>
        Walk(obj, rules, isConfiguration: false);

    /// <summary>The paths a configuration's manager owns.</summary>
    public static FieldSet Members(IReadOnlyDictionary<FieldPath, FieldNode> nodes) =>
        new(nodes.Where(n => n.Value.IsMember).Select(n => n.Key));

    private static Dictionary<FieldPath, FieldNode> Walk(JsonObject obj, IMergeRules rules, bool isConfiguration)
    {
        var walker = new ObjectFields(rules, isConfiguration);
        walker.VisitObject(obj, FieldPath.Root, []);
        return walker._nodes;
    }

    private void VisitObject(JsonObject obj, FieldPath path, IReadOnlyList<string> names)
    {
        foreach (var (name, value) in obj)
        {
            VisitValue(value, path.Append(PathElement.Field(name)), [.. names, name]);
        }
    }

    private void VisitValue(JsonNode? value, FieldPath path, IReadOnlyList<string> names)
    {
        switch (value)
        {
            case JsonObject obj when obj.Count > 0 && !_rules.IsAtomicObject(names):
                _nodes[path] = new FieldNode(IsLeaf: false, IsMember: false, obj);
                VisitObject(obj, path, names);
                break;
            case JsonArray array when _rules.ListAt(names) is { Type: not ListType.Atomic } merge:
                _nodes[path] = new FieldNode(IsLeaf: false, IsMember: false, array);
                VisitItems(array, merge, path, names);
                break;
            default:
                _nodes[path] = new FieldNode(IsLeaf: true, IsMember: true, value);
                break;
        }
    }

    private void VisitItems(JsonArray array, ListMerge merge, FieldPath path, IReadOnlyList<string> names)
    {
        for (var i = 0; i < array.Count; i++)
        {
            var item = array[i];
            if (PathElement.ForListItem(item, merge) is not { } element)
            {
                Refuse(path, $"element {i}: " + (merge.Type == ListType.Set
                    ? "associative list without keys has an element that's a map type"
                    : item is JsonObject obj
                        ? $"associative list with keys has an element that omits key field \"{merge.Keys.First(k => !obj.ContainsKey(k))}\""
                            + " (and doesn't have default value)"
                        : "associative list with keys may not have non-map elements"));
                continue;
            }

            var itemPath = path.Append(element);
            if (_nodes.ContainsKey(itemPath))
            {
                // A stored list may hold duplicates; the first item stands for its key.
                Refuse(path, $"duplicate entries for key {element}");
                continue;
            }

            if (item is JsonObject fields)
            {
                _nodes[itemPath] = new FieldNode(IsLeaf: false, IsMember: true, item);
                VisitObject(fields, itemPath, names);
            }
            else
            {
                _nodes[itemPath] = new FieldNode(IsLeaf: true, IsMember: true, item);
            }
        }
    }

    private void Refuse(FieldPath path, string problem)
    {
        if (_isConfiguration)
        {
            throw PatchException.NotApplicable($"failed to create typed patch object: {path}: {problem}");
        }
    }
}
