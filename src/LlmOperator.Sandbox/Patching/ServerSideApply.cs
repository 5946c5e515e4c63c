using System.Text.Json.Nodes;
using LlmOperator.Api.Json;

namespace LlmOperator.Sandbox.Patching;

/// <summary>
/// Server-side apply (<c>application/apply-patch+yaml</c>), simplified from structured-merge-diff as README.md in
/// this folder describes: merges an applied configuration into the live object (or into nothing, to create it),
/// records the fields each apply manager owns in <c>metadata.managedFields</c>, removes fields a manager applied
/// before and omits now unless another manager owns them, and refuses to change fields other managers own
/// unless forced.
/// </summary>
internal static class ServerSideApply
{
    /// <summary>Fields the API server never records as owned (its stripMetaManager).</summary>
    private static readonly FieldSet ServerManaged = new(
    [
        FieldPath.Of("apiVersion"),
        FieldPath.Of("kind"),
        FieldPath.Of("metadata"),
        .. new[] { "name", "namespace", "creationTimestamp", "selfLink", "uid", "clusterName", "generation", "managedFields", "resourceVersion" }
            .Select(name => FieldPath.Of("metadata", name)),
    ]);

    /// <summary>
    /// Applies a configuration (the request body, parsed from YAML) for <see cref="ApplyOptions.FieldManager"/>
    /// and returns the new object with its <c>metadata.managedFields</c>; <paramref name="live"/> is null when the
    /// object does not exist yet. The inputs are not changed. Refusals: a configuration that is not an object or
    /// names another apiVersion (400); a map list item without its key fields or with a duplicate key (422);
    /// fields owned by other managers whose values would change, unless forced (409, one cause per field).
    /// </summary>
    public static JsonObject Apply(JsonObject? live, JsonNode? configuration, IMergeRules rules, ApplyOptions options)
    {
        ArgumentNullException.ThrowIfNull(rules);
        ArgumentNullException.ThrowIfNull(options);
        var applied = ReadConfiguration(configuration, options);
        var entries = ManagedFieldsEntry.ReadAll(live);
        var previous = entries.Find(e => e.IsApplyOf(options.FieldManager, options.Subresource));
        var others = entries.Where(e => !ReferenceEquals(e, previous)).ToList();
        var current = WithoutManagedFields(live);

        var owned = ObjectFields.Members(ObjectFields.OfConfiguration(applied, rules)).Except(ServerManaged);
        var merged = new ApplyMerger(rules).Merge(current, applied);
        RemoveDroppedFields(merged, (previous?.Fields ?? FieldSet.Empty).Except(owned), owned, others);

        var (changed, removed) = Compare(current, merged, rules, owned);
        var conflicts = others.SelectMany(o => o.Fields.Intersect(changed).Sorted.Select(path => (Owner: o, Path: path))).ToList();
        if (conflicts.Count > 0 && !options.Force)
        {
            throw Conflict(conflicts);
        }

        // Forced or not, other managers give up what this apply changed, and everyone gives up what it removed.
        var kept = others.Select(o => o with { Fields = o.Fields.Except(changed).Except(removed) }).Where(o => !o.Fields.IsEmpty);
        var time = JsonNode.DeepEquals(current, merged) ? previous?.Time : ManagedFieldsEntry.FormatTime(options.Now);
        var entry = new ManagedFieldsEntry(options.FieldManager, ManagedFieldsEntry.Apply, options.ApiVersion, time, options.Subresource, owned);
        SetManagedFields(merged, ManagedFieldsEntry.Order(owned.IsEmpty ? kept : kept.Append(entry)));
        return merged;
    }

    private static JsonObject ReadConfiguration(JsonNode? configuration, ApplyOptions options)
    {
        // As the API server, which decodes "null" into an empty object.
        var obj = (configuration ?? new JsonObject()) as JsonObject
            ?? throw PatchException.Malformed($"error decoding patch: {GoText.CannotUnmarshal(configuration, "map[string]interface {}")}");
        var apiVersion = JsonKinds.IsString(obj["apiVersion"]) ? obj["apiVersion"]!.GetValue<string>() : "";
        if (apiVersion != options.ApiVersion)
        {
            throw PatchException.Malformed(
                $"Incorrect version specified in apply patch. Specified patch version: {apiVersion}, expected: {options.ApiVersion}");
        }

        if (obj["metadata"] is JsonObject metadata && metadata["managedFields"] is not null)
        {
            throw PatchException.Malformed("metadata.managedFields must be nil");
        }

        var copy = obj.DeepClone().AsObject();
        foreach (var ignored in options.IgnoredFields)
        {
            copy.Remove(ignored);
        }

        return copy;
    }

    /// <summary>Removes what the manager applied before and omits now, unless another manager owns it or something in it.</summary>
    private static void RemoveDroppedFields(JsonObject merged, FieldSet dropped, FieldSet owned, IEnumerable<ManagedFieldsEntry> others)
    {
        var ownedByOthers = others.Aggregate(FieldSet.Empty, (set, o) => set.Union(o.Fields));
        var ownedByAnyone = ownedByOthers.Union(owned);
        foreach (var path in dropped.Sorted.Where(p => !ownedByOthers.Contains(p) && !ownedByOthers.HasInside(p)))
        {
            FieldRemover.Remove(merged, path, ownedByAnyone.Contains);
        }
    }

    /// <summary>
    /// The paths whose value the apply changed or added, and the paths it removed (structured-merge-diff's
    /// comparison: only leaves are compared by value). A field the configuration sets to null counts as changed,
    /// as in structured-merge-diff where null is a value, though here it is removed from the object.
    /// </summary>
    private static (FieldSet Changed, FieldSet Removed) Compare(JsonObject before, JsonObject after, IMergeRules rules, FieldSet owned)
    {
        var old = ObjectFields.OfObject(before, rules);
        var now = ObjectFields.OfObject(after, rules);
        var removed = new FieldSet(old.Keys.Where(p => !now.ContainsKey(p)));
        var changed = new FieldSet(now.Where(n => !old.TryGetValue(n.Key, out var was) || IsModified(was, n.Value)).Select(n => n.Key));
        return (changed.Union(removed.Intersect(owned)), removed);
    }

    private static bool IsModified(FieldNode was, FieldNode now) =>
        (was.IsLeaf || now.IsLeaf) && !(was.Value is JsonObject && now.Value is JsonObject) && !JsonNode.DeepEquals(was.Value, now.Value);

    private static PatchException Conflict(List<(ManagedFieldsEntry Owner, FieldPath Path)> conflicts)
    {
        var byOwner = conflicts
            .GroupBy(c => c.Owner)
            .OrderBy(g => g.Key.Manager, StringComparer.Ordinal)
            .ThenBy(g => g.Key.Operation, StringComparer.Ordinal)
            .ThenBy(g => g.Key.ApiVersion, StringComparer.Ordinal)
            .ThenBy(g => g.Key.Subresource, StringComparer.Ordinal)
            .ToList();
        var causes = byOwner
            .SelectMany(g => g.Select(c =>
                new PatchStatusCause("FieldManagerConflict", $"conflict with {g.Key.Describe()}", c.Path.ToString())))
            .ToList();
        var message = conflicts.Count == 1
            ? $"Apply failed with 1 conflict: conflict with {conflicts[0].Owner.Describe()}: {conflicts[0].Path}"
            : $"Apply failed with {conflicts.Count} conflicts: " + string.Join("\n", byOwner.SelectMany(g =>
                new[] { $"conflicts with {g.Key.Describe()}:" }.Concat(g.Select(c => $"- {c.Path}"))));
        return new PatchException(PatchFailure.Conflict, message, message, causes);
    }

    private static JsonObject WithoutManagedFields(JsonObject? live)
    {
        var copy = live?.DeepClone().AsObject() ?? [];
        (copy["metadata"] as JsonObject)?.Remove("managedFields");
        return copy;
    }

    private static void SetManagedFields(JsonObject obj, IEnumerable<ManagedFieldsEntry> entries)
    {
        var list = new JsonArray([.. entries.Select(e => e.ToJson())]);
        if (list.Count == 0)
        {
            (obj["metadata"] as JsonObject)?.Remove("managedFields");
            return;
        }

        if (obj["metadata"] is not JsonObject metadata)
        {
            obj["metadata"] = metadata = [];
        }

        metadata["managedFields"] = list;
    }
}
