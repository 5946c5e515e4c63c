using System.Text.Json.Nodes;

namespace LlmOperator.Sandbox.Patching;

/// <summary>
/// Merges an applied configuration into a live object as structured-merge-diff does: objects field by field,
/// set and map lists item by item in structured-merge-diff's order, anything else replaced by the configuration.
/// A null in the configuration removes the field. Returns new nodes; never changes its inputs.
/// </summary>
internal sealed class ApplyMerger(IMergeRules rules)
{
    /// <summary>The live object with the configuration merged in.</summary>
    public JsonObject Merge(JsonObject live, JsonObject configuration) => MergeObject(live, configuration, []);

    private JsonObject MergeObject(JsonObject live, JsonObject configuration, IReadOnlyList<string> names)
    {
        var result = new JsonObject();
        foreach (var (name, value) in live)
        {
            if (!configuration.TryGetPropertyValue(name, out var applied))
            {
                result[name] = value?.DeepClone();
            }
            else if (applied is not null)
            {
                result[name] = MergeValue(value, applied, [.. names, name]);
            }
        }

        foreach (var (name, applied) in configuration)
        {
            if (applied is not null && !live.ContainsKey(name))
            {
                result[name] = MergeValue(null, applied, [.. names, name]);
            }
        }

        return result;
    }

    private JsonNode? MergeValue(JsonNode? live, JsonNode? applied, IReadOnlyList<string> names)
    {
        switch (applied)
        {
            case JsonObject obj:
                return MergeObject(live is JsonObject liveObject && !rules.IsAtomicObject(names) ? liveObject : [], obj, names);
            case JsonArray list when live is JsonArray liveList && rules.ListAt(names) is { Type: not ListType.Atomic } merge:
                return MergeList(liveList, list, merge, names);
            case JsonArray list:
                return new JsonArray([.. list.Select(item => MergeValue(null, item, names))]);
            default:
                return applied?.DeepClone();
        }
    }

    /// <summary>structured-merge-diff's list merge (typed/merge.go visitListItems), which decides the items' order.</summary>
    private JsonArray MergeList(JsonArray live, JsonArray applied, ListMerge merge, IReadOnlyList<string> names)
    {
        var lhs = Identify(live, merge);
        var rhs = Identify(applied, merge);
        var lhsItems = First(lhs);
        var rhsItems = First(rhs);
        var shared = new Queue<PathElement>(rhs.Select(r => r.Element).Where(lhsItems.ContainsKey));
        var nextShared = shared.TryDequeue(out var first) ? first : null;
        var mergedRhs = new HashSet<PathElement>();
        var result = new JsonArray();
        JsonNode? MergeItem(JsonNode? l, JsonNode? r) => r is null ? l?.DeepClone() : MergeValue(l, r, names);

        int li = 0, ri = 0;
        while (li < lhs.Count || ri < rhs.Count)
        {
            if (li < lhs.Count && ri < rhs.Count)
            {
                var element = lhs[li].Element;
                if (element.Equals(rhs[ri].Element))
                {
                    mergedRhs.Add(element);
                    result.Add(MergeItem(lhsItems[element], rhsItems[element]));
                    li++;
                    ri++;
                    nextShared = shared.TryDequeue(out var next) ? next : null;
                    continue;
                }

                if (rhsItems.ContainsKey(element) && nextShared is not null && !nextShared.Equals(element))
                {
                    li++;
                    continue;
                }
            }

            if (li < lhs.Count)
            {
                var element = lhs[li].Element;
                if (!rhsItems.ContainsKey(element))
                {
                    result.Add(MergeItem(lhs[li].Item, null));
                    li++;
                    continue;
                }

                if (mergedRhs.Contains(element))
                {
                    li++;
                }
            }

            if (ri < rhs.Count)
            {
                var element = rhs[ri].Element;
                mergedRhs.Add(element);
                result.Add(MergeItem(lhsItems.GetValueOrDefault(element), rhsItems[element]));
                ri++;
                if (nextShared is not null && nextShared.Equals(element))
                {
                    nextShared = shared.TryDequeue(out var next) ? next : null;
                }
            }
        }

        return result;
    }

    /// <summary>
    /// Each item with its identity. The configuration was checked to identify every item; a stored item that
    /// lacks its key fields gets an identity no applied item can have, so that it is kept where it is.
    /// </summary>
    private static List<(PathElement Element, JsonNode? Item)> Identify(JsonArray list, ListMerge merge) =>
        [.. list.Select((item, i) => (PathElement.ForListItem(item, merge) ?? PathElement.Field($"unidentified item {i}"), item))];

    private static Dictionary<PathElement, JsonNode?> First(List<(PathElement Element, JsonNode? Item)> items)
    {
        var first = new Dictionary<PathElement, JsonNode?>();
        foreach (var (element, item) in items)
        {
            first.TryAdd(element, item);
        }

        return first;
    }
}
