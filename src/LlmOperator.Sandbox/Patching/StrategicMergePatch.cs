using System.Text.Json.Nodes;

namespace LlmOperator.Sandbox.Patching;

/// <summary>
/// Kubernetes strategic merge patch (<c>application/strategic-merge-patch+json</c>), as <c>kubectl apply</c> and
/// <c>kubectl patch</c> send it: lists with a patch merge key merge item by item, merged primitive lists merge
/// as sets, other lists are replaced, <c>null</c> deletes, and the directives <c>$patch</c>, <c>$retainKeys</c>,
/// <c>$deleteFromPrimitiveList/</c> and <c>$setElementOrder/</c> work as in the API server.
/// </summary>
internal static class StrategicMergePatch
{
    /// <summary>
    /// Applies a patch to a copy of an object of a built-in kind (rules from <see cref="BuiltInMergeRules"/>).
    /// A body of <c>null</c> changes nothing, as in the API server; a body that is not an object is malformed.
    /// </summary>
    public static JsonObject Apply(JsonObject original, JsonNode? patch, IMergeRules rules)
    {
        ArgumentNullException.ThrowIfNull(original);
        ArgumentNullException.ThrowIfNull(rules);
        var copy = original.DeepClone().AsObject();
        return patch switch
        {
            null => copy,
            JsonObject members => new StrategicMerger(rules).MergeMap(copy, members, []),
            _ => throw PatchException.Malformed(GoText.CannotUnmarshal(patch, "map[string]interface {}")),
        };
    }
}
