using System.Text.Json.Nodes;

namespace LlmOperator.Sandbox.Patching;

/// <summary>
/// The order of a merged list after a strategic merge patch, as the API server computes it (strategicpatch's
/// normalizeElementOrder): the patch's (or <c>$setElementOrder</c>'s) order first, then the live list's order
/// for the items only the server had.
/// </summary>
internal static class ElementOrder
{
    /// <summary>Splits merged items into those the list <paramref name="by"/> names and the others, keeping order.</summary>
    public static (List<JsonNode?> Named, List<JsonNode?> Others) Partition(IReadOnlyList<JsonNode?> merged, IReadOnlyList<JsonNode?> by, string? mergeKey)
    {
        if (mergeKey is not null)
        {
            for (var i = 0; i < by.Count; i++)
            {
                if (by[i] is not JsonObject)
                {
                    throw PatchException.Malformed($"value for key {i} is not a map");
                }
            }

            RequireMergeKeys(merged, mergeKey);
        }

        var named = new List<JsonNode?>();
        var others = new List<JsonNode?>();
        foreach (var item in merged)
        {
            (IndexOf(by, item, mergeKey) >= 0 ? named : others).Add(item);
        }

        return (named, others);
    }

    /// <summary>
    /// Sorts the patch's items by the patch order and the server-only items by the server order, then interleaves
    /// them: a server-only item goes before a patch item only when the server order has both and puts it first.
    /// </summary>
    public static List<JsonNode?> Normalize(
        List<JsonNode?> patchItems, List<JsonNode?> serverOnly, IReadOnlyList<JsonNode?> patchOrder, IReadOnlyList<JsonNode?> serverOrder, string? mergeKey)
    {
        var right = SortBy(patchItems, patchOrder, mergeKey);
        var left = SortBy(serverOnly, serverOrder, mergeKey);
        var result = new List<JsonNode?>(left.Count + right.Count);
        int i = 0, j = 0;
        while (i < left.Count || j < right.Count)
        {
            if (j >= right.Count || (i < left.Count && Precedes(left[i], right[j], serverOrder, mergeKey)))
            {
                result.Add(left[i++]);
            }
            else
            {
                result.Add(right[j++]);
            }
        }

        return result;
    }

    /// <summary>The position of an item in a list: by merge key value for objects, by value otherwise; -1 if absent.</summary>
    public static int IndexOf(IReadOnlyList<JsonNode?> list, JsonNode? item, string? mergeKey)
    {
        var key = KeyOf(item, mergeKey);
        for (var i = 0; i < list.Count; i++)
        {
            if (JsonNode.DeepEquals(KeyOf(list[i], mergeKey), key))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>
    /// Checks that the patch list's items appear in the <c>$setElementOrder</c> list in the same relative order.
    /// </summary>
    public static void Validate(JsonArray? patchList, JsonArray order, string? mergeKey)
    {
        if (order.Count == 0 || patchList is null || patchList.Count == 0)
        {
            return;
        }

        var items = mergeKey is null
            ? [.. patchList]
            : patchList
                .Select(i => i as JsonObject ?? throw PatchDirectives.BadArgType("map[string]interface {}", i))
                .Where(i => !PatchDirectives.IsDeletion(i))
                .ToList<JsonNode?>();
        int p = 0, s = 0;
        while (p < items.Count && s < order.Count)
        {
            if (PatchDirectives.HasMarker(items[p]))
            {
                p++;
                continue;
            }

            if (JsonNode.DeepEquals(OrderKey(items[p], mergeKey), OrderKey(order[s], mergeKey)))
            {
                p++;
            }

            s++;
        }

        if (p < items.Count)
        {
            throw PatchException.Malformed($"The order in patch list:\n{GoText.Format(patchList)}\n"
                + $" doesn't match {PatchDirectives.SetElementOrder} list:\n{GoText.Format(order)}\n");
        }
    }

    private static JsonNode? OrderKey(JsonNode? item, string? mergeKey)
    {
        if (mergeKey is null)
        {
            return item;
        }

        var obj = item as JsonObject ?? throw PatchDirectives.BadArgType("map[string]interface {}", item);
        return obj.TryGetPropertyValue(mergeKey, out var key) ? key : throw PatchDirectives.NoMergeKey(obj, mergeKey);
    }

    private static bool Precedes(JsonNode? left, JsonNode? right, IReadOnlyList<JsonNode?> serverOrder, string? mergeKey)
    {
        var l = IndexOf(serverOrder, left, mergeKey);
        var r = IndexOf(serverOrder, right, mergeKey);
        return l >= 0 && r >= 0 && l < r;
    }

    private static List<JsonNode?> SortBy(List<JsonNode?> items, IReadOnlyList<JsonNode?> order, string? mergeKey)
    {
        List<JsonNode?> deletions = [];
        if (mergeKey is not null)
        {
            RequireMergeKeys(items, mergeKey);
            RequireMergeKeys(order, mergeKey);
            deletions = [.. items.Where(PatchDirectives.IsDeletion)];
            items = [.. items.Where(i => !PatchDirectives.IsDeletion(i))];
        }

        // Stable; an item the order does not name goes last.
        return [.. items.OrderBy(i => IndexOf(order, i, mergeKey) is var at && at >= 0 ? at : int.MaxValue), .. deletions];
    }

    private static void RequireMergeKeys(IEnumerable<JsonNode?> items, string mergeKey)
    {
        foreach (var item in items)
        {
            if (item is not JsonObject obj)
            {
                throw PatchDirectives.BadArgType("map[string]interface {}", item);
            }

            if (!obj.ContainsKey(mergeKey))
            {
                throw PatchDirectives.NoMergeKey(obj, mergeKey);
            }
        }
    }

    private static JsonNode? KeyOf(JsonNode? item, string? mergeKey) => mergeKey is null ? item : (item as JsonObject)?[mergeKey];
}
