using System.Text.Json;
using System.Text.Json.Nodes;

namespace LlmOperator.Sandbox.Patching;

/// <summary>
/// The recursion of a strategic merge patch, ported from k8s.io/apimachinery/pkg/util/strategicpatch
/// (mergeMap, mergeSlice and their helpers) with the options the API server uses: parallel lists are merged
/// and nulls without a counterpart are dropped. Works on an original it owns; never changes the patch.
/// </summary>
internal sealed class StrategicMerger(IMergeRules rules)
{
    /// <summary>Merges a patch object into an original object and returns the result (usually the original).</summary>
    public JsonObject MergeMap(JsonObject original, JsonObject patch, IReadOnlyList<string> path)
    {
        if (patch.TryGetPropertyValue(PatchDirectives.Marker, out var directive))
        {
            return ApplyMapDirective(directive, patch);
        }

        ApplyRetainKeys(original, patch);
        var done = MergeOrderedLists(original, patch, path);
        foreach (var (key, patchValue) in patch)
        {
            if (key == PatchDirectives.RetainKeys || done.Contains(key))
            {
                continue;
            }

            var isDeletionList = key.StartsWith(PatchDirectives.DeleteFromPrimitiveList, StringComparison.Ordinal);
            var name = isDeletionList ? PatchDirectives.ListName(key, PatchDirectives.DeleteFromPrimitiveList) : key;
            if (patchValue is null)
            {
                original.Remove(name);
                continue;
            }

            if (!original.TryGetPropertyValue(name, out var originalValue) || KindOf(originalValue) != KindOf(patchValue))
            {
                if (!isDeletionList)
                {
                    Store(original, name, patchValue);
                }

                continue;
            }

            switch (originalValue)
            {
                case JsonObject obj:
                    Set(original, name, obj, MergeMap(obj, patchValue.AsObject(), [.. path, name]));
                    break;
                case JsonArray array:
                    Set(original, name, array, MergeListField(array, patchValue.AsArray(), [.. path, name], isDeletionList));
                    break;
                default:
                    Store(original, name, patchValue);
                    break;
            }
        }

        return original;
    }

    private static JsonObject ApplyMapDirective(JsonNode? directive, JsonObject patch)
    {
        switch (directive is JsonValue value && value.TryGetValue<string>(out var text) ? text : null)
        {
            case PatchDirectives.Replace:
                var replacement = new JsonObject();
                foreach (var (name, member) in patch)
                {
                    if (name != PatchDirectives.Marker)
                    {
                        Store(replacement, name, member);
                    }
                }

                return replacement;
            case PatchDirectives.Delete:
                return [];
            default:
                throw PatchDirectives.UnknownPatchType(directive, patch);
        }
    }

    /// <summary>
    /// <c>$retainKeys</c>: every non-null field the patch sets must be listed, and the original keeps only
    /// the listed fields (how kubectl clears the other member of a union such as a Deployment's strategy).
    /// </summary>
    private static void ApplyRetainKeys(JsonObject original, JsonObject patch)
    {
        if (!patch.TryGetPropertyValue(PatchDirectives.RetainKeys, out var retain))
        {
            return;
        }

        if (retain is not JsonArray list)
        {
            throw PatchException.Malformed("invalid patch format of retainKeys");
        }

        bool Retained(string name) => list.Any(item => JsonNode.DeepEquals(item, JsonValue.Create(name)));
        foreach (var (key, value) in patch)
        {
            var isDirective = key == PatchDirectives.RetainKeys
                || key.StartsWith(PatchDirectives.DeleteFromPrimitiveList, StringComparison.Ordinal)
                || key.StartsWith(PatchDirectives.SetElementOrder, StringComparison.Ordinal);
            if (value is not null && !isDirective && !Retained(key))
            {
                throw PatchException.Malformed("invalid patch format of retainKeys");
            }
        }

        foreach (var key in original.Select(p => p.Key).Where(k => !Retained(k)).ToList())
        {
            original.Remove(key);
        }
    }

    /// <summary>
    /// Merges each list that has a <c>$setElementOrder/name</c> directive and puts it in the directive's order.
    /// Returns the patch keys it dealt with.
    /// </summary>
    private HashSet<string> MergeOrderedLists(JsonObject original, JsonObject patch, IReadOnlyList<string> path)
    {
        var done = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (key, orderValue) in patch)
        {
            if (!key.StartsWith(PatchDirectives.SetElementOrder, StringComparison.Ordinal))
            {
                continue;
            }

            done.Add(key);
            var order = orderValue as JsonArray ?? throw PatchDirectives.BadArgType("[]interface {}", orderValue);
            var name = PatchDirectives.ListName(key, PatchDirectives.SetElementOrder);
            var originalList = ListMember(original, name);
            var patchList = ListMember(patch, name);
            var mergeKey = rules.ListAt([.. path, name]).MergeKey;
            ElementOrder.Validate(patchList, order, mergeKey);

            List<JsonNode?> originalItems = originalList is null ? [] : [.. originalList];
            List<JsonNode?> merged;
            if (originalList is not null && patchList is not null)
            {
                merged = Detach(MergeListField(originalList, patchList, [.. path, name], isDeletionList: false));
            }
            else if (patchList is not null)
            {
                PatchDirectives.TryStrip(patchList, out var stripped);
                merged = Detach(stripped!.AsArray());
            }
            else if (originalList is not null)
            {
                merged = originalItems;
            }
            else
            {
                continue;
            }

            ElementKind(originalItems, patchList);
            var orderItems = order.ToList();
            var (named, others) = ElementOrder.Partition(merged, orderItems, mergeKey);
            original[name] = ToArray(ElementOrder.Normalize(named, others, orderItems, originalItems, mergeKey));
            done.Add(name);
        }

        return done;
    }

    private JsonArray MergeListField(JsonArray original, JsonArray patch, IReadOnlyList<string> path, bool isDeletionList)
    {
        var merge = rules.ListAt(path);
        if (merge.Type == ListType.Atomic && !isDeletionList)
        {
            PatchDirectives.TryStrip(patch, out var replacement);
            return replacement!.AsArray();
        }

        return ToArray(MergeList(Detach(original), patch, merge.MergeKey, path, isDeletionList));
    }

    private List<JsonNode?> MergeList(List<JsonNode?> original, JsonArray patch, string? mergeKey, IReadOnlyList<string> path, bool isDeletionList)
    {
        if (original.Count == 0 && patch.Count == 0)
        {
            return original;
        }

        List<JsonNode?> merged;
        List<JsonNode?> order;
        if (ElementKind(original, patch) != JsonValueKind.Object)
        {
            order = [.. patch.Select(p => p?.DeepClone())];
            if (isDeletionList)
            {
                return [.. original.Where(item => ElementOrder.IndexOf(order, item, null) < 0)];
            }

            merged = [];
            foreach (var item in original.Concat(order))
            {
                if (ElementOrder.IndexOf(merged, item, null) < 0)
                {
                    merged.Add(item);
                }
            }
            mergeKey = null;
        }
        else
        {
            if (mergeKey is null)
            {
                throw PatchException.Malformed($"cannot merge lists without merge key for {string.Join('.', path)}");
            }

            (original, var plain) = ApplyItemDirectives(original, patch, mergeKey);
            merged = MergeByKey(original, plain, mergeKey, path);
            order = [.. plain];
        }

        var (named, others) = ElementOrder.Partition(merged, order, mergeKey);
        return ElementOrder.Normalize(named, others, order, original, mergeKey);
    }

    /// <summary>Applies <c>$patch: delete</c> and <c>$patch: replace</c> items; returns the list and the plain patch items.</summary>
    private static (List<JsonNode?> Original, List<JsonObject> Plain) ApplyItemDirectives(List<JsonNode?> original, JsonArray patch, string mergeKey)
    {
        var plain = new List<JsonObject>();
        var replace = false;
        foreach (var item in patch.Select(i => i!.AsObject()))
        {
            if (!item.TryGetPropertyValue(PatchDirectives.Marker, out var directive))
            {
                plain.Add(item);
                continue;
            }

            switch (directive is JsonValue value && value.TryGetValue<string>(out var text) ? text : null)
            {
                case PatchDirectives.Delete:
                    if (!item.TryGetPropertyValue(mergeKey, out var key))
                    {
                        throw PatchDirectives.NoMergeKey(item, mergeKey);
                    }

                    original = [.. original.Where(o => !JsonNode.DeepEquals((o as JsonObject)?[mergeKey], key))];
                    break;
                case PatchDirectives.Replace:
                    replace = true;
                    break;
                case PatchDirectives.Merge:
                    throw PatchException.Malformed("merging lists cannot yet be specified in the patch");
                default:
                    throw PatchDirectives.UnknownPatchType(directive, item);
            }
        }

        return replace ? ([.. plain.Select(Stripped)], []) : (original, plain);
    }

    /// <summary>Merges each patch item into the item with the same merge key value, or appends it.</summary>
    private List<JsonNode?> MergeByKey(List<JsonNode?> original, List<JsonObject> plain, string mergeKey, IReadOnlyList<string> path)
    {
        var merged = new List<JsonNode?>(original);
        foreach (var item in plain)
        {
            if (!item.TryGetPropertyValue(mergeKey, out var key))
            {
                throw PatchDirectives.NoMergeKey(item, mergeKey);
            }

            var index = merged.FindIndex(o => JsonNode.DeepEquals((o as JsonObject)?[mergeKey], key));
            if (index >= 0)
            {
                merged[index] = MergeMap(merged[index]!.AsObject(), item, path);
            }
            else
            {
                merged.Add(Stripped(item));
            }
        }

        return merged;
    }

    /// <summary>The one kind all items of the lists share; lists of lists and mixed lists are refused.</summary>
    private static JsonValueKind ElementKind(IEnumerable<JsonNode?> original, IEnumerable<JsonNode?>? patch)
    {
        JsonValueKind? kind = null;
        foreach (var item in original.Concat(patch ?? []))
        {
            var itemKind = KindOf(item);
            if (kind is null && itemKind == JsonValueKind.Array)
            {
                throw PatchException.NotApplicable("lists of lists are not supported");
            }

            if (kind is not null && kind != itemKind)
            {
                var lists = new JsonArray(
                    new JsonArray([.. original.Select(i => i?.DeepClone())]),
                    new JsonArray([.. (patch ?? []).Select(i => i?.DeepClone())]));
                throw PatchException.Malformed($"list element types are not identical: {GoText.Format(lists)}");
            }

            kind = itemKind;
        }

        return kind ?? throw PatchException.Malformed("no elements in any of the given slices");
    }

    private static JsonArray? ListMember(JsonObject obj, string name) => obj.TryGetPropertyValue(name, out var value)
        ? value as JsonArray ?? throw PatchDirectives.BadArgType("[]interface {}", value)
        : null;

    private static JsonValueKind KindOf(JsonNode? node) => node?.GetValueKind() switch
    {
        null => JsonValueKind.Null,
        JsonValueKind.False => JsonValueKind.True,
        var kind => kind.Value,
    };

    private static void Store(JsonObject target, string name, JsonNode? patchValue)
    {
        if (PatchDirectives.TryStrip(patchValue, out var stripped))
        {
            target[name] = stripped;
        }
        else
        {
            target.Remove(name);
        }
    }

    private static JsonObject Stripped(JsonObject item)
    {
        PatchDirectives.TryStrip(item, out var stripped);
        return stripped!.AsObject();
    }

    private static void Set(JsonObject target, string name, JsonNode current, JsonNode merged)
    {
        if (!ReferenceEquals(current, merged))
        {
            target[name] = merged;
        }
    }

    private static List<JsonNode?> Detach(JsonArray array)
    {
        var items = array.ToList();
        array.Clear();
        return items;
    }

    private static JsonArray ToArray(List<JsonNode?> items)
    {
        var array = new JsonArray();
        foreach (var item in items)
        {
            array.Add(item?.Parent is null ? item : item.DeepClone());
        }

        return array;
    }
}
