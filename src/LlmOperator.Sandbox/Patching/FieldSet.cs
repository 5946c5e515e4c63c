namespace LlmOperator.Sandbox.Patching;

/// <summary>An immutable set of field paths: the fields one manager owns.</summary>
internal sealed class FieldSet
{
    private readonly HashSet<FieldPath> _paths;

    public FieldSet(IEnumerable<FieldPath> paths)
    {
        _paths = [.. paths];
    }

    public static FieldSet Empty { get; } = new([]);

    public bool IsEmpty => _paths.Count == 0;

    /// <summary>The paths in structured-merge-diff's order.</summary>
    public IEnumerable<FieldPath> Sorted => _paths.Order();

    public bool Contains(FieldPath path) => _paths.Contains(path);

    /// <summary>Whether the set has a path strictly inside <paramref name="path"/>.</summary>
    public bool HasInside(FieldPath path) => _paths.Any(p => p.IsInside(path));

    public FieldSet Union(FieldSet other) => new(_paths.Concat(other._paths));

    public FieldSet Except(FieldSet other) => new(_paths.Where(p => !other.Contains(p)));

    public FieldSet Intersect(FieldSet other) => new(_paths.Where(other.Contains));
}
