namespace LlmOperator.Sandbox.Patching;

/// <summary>How one list field merges: its type and, for a map list, the fields that identify an item.</summary>
/// <param name="Type">Atomic, set or map.</param>
/// <param name="Keys">The key fields of a map list; the first is the strategic merge patch merge key.</param>
internal sealed record ListMerge(ListType Type, IReadOnlyList<string> Keys)
{
    /// <summary>A list replaced as a whole.</summary>
    public static ListMerge Atomic { get; } = new(ListType.Atomic, []);

    /// <summary>A list of scalars merged as a set.</summary>
    public static ListMerge Set { get; } = new(ListType.Set, []);

    /// <summary>A list of objects merged by key fields.</summary>
    public static ListMerge Map(params string[] keys) => new(ListType.Map, keys);

    /// <summary>The strategic merge patch merge key: the first key of a map list, otherwise null.</summary>
    public string? MergeKey => Type == ListType.Map ? Keys[0] : null;
}
