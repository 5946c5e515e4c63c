using LlmOperator.Manifests.Schema;

namespace LlmOperator.Sandbox.Patching;

/// <summary>
/// The merge rules of a custom resource, read from its CRD's schema: <c>x-kubernetes-list-type</c> and
/// <c>x-kubernetes-list-map-keys</c>, plus the metadata lists every object has. Lists the schema does not
/// type are atomic, as in Kubernetes.
/// </summary>
internal sealed class SchemaMergeRules : IMergeRules
{
    private static readonly DeclaredMergeRules Metadata = new(BuiltInMergeRules.ObjectMetaLists, []);

    private readonly StructuralSchema? _schema;

    /// <summary>Rules for a custom resource whose version has the given schema (null: no schema, every list atomic).</summary>
    public SchemaMergeRules(StructuralSchema? schema)
    {
        _schema = schema;
    }

    /// <inheritdoc/>
    public ListMerge ListAt(IReadOnlyList<string> path)
    {
        if (path.Count > 0 && path[0] == "metadata")
        {
            return Metadata.ListAt(path);
        }

        return Find(path) switch
        {
            { ListType: "map", ListMapKeys.Count: > 0 } list => new ListMerge(ListType.Map, list.ListMapKeys),
            { ListType: "set" } => ListMerge.Set,
            _ => ListMerge.Atomic,
        };
    }

    /// <inheritdoc/>
    /// <remarks>Always false: the schema form the sandbox reads does not carry <c>x-kubernetes-map-type</c>.</remarks>
    public bool IsAtomicObject(IReadOnlyList<string> path) => false;

    private StructuralSchema? Find(IReadOnlyList<string> path)
    {
        var current = _schema;
        foreach (var name in path)
        {
            // A list item adds no name to the path: step through the items on the way to the next field.
            while (current?.Items is { } items)
            {
                current = items;
            }

            current = current is null ? null : current.Properties.GetValueOrDefault(name) ?? current.AdditionalProperties;
        }

        return current;
    }
}
