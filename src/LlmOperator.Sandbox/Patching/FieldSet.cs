namespace LlmOperator.Sandbox.Patching;

/// <summary>An immutable set of field paths: the fields one manager owns.</summary>
internal sealed class FieldSet
{
    private readonly HashSet<FieldPath> _paths;

    /// <summary>A set of the given paths.</summary>
    public FieldSet(IEnumerable<FieldPath> paths)
    {
        _paths = [.. paths];
    }

    /// <summary>The set that owns nothing.</summary>
    public static FieldSet Empty { get; } = new([]);

    /// <summary>Whether the set has no paths.</summary>
    public bool IsEmpty => _paths.Count == 0;

    /// <summary>The paths in structured-merge-diff's order.</summary>
    public IEnumerable<FieldPath> Sorted => _paths.Order();

    /// <summary>Whether the set has the path.</summary>
    public bool Contains(FieldPath path) => _paths.Contains(path);

    /// <summary>Whether the set has a path strictly inside <paramref name="path"/>.</summary>
    public bool HasInside(FieldPath path) => _paths.Any(p => p.IsInside(path));

    /// <summary>The paths of either set.</summary>
    public FieldSet Union(FieldSet other) => new(_paths.Concat(other._paths));

    /// <summary>The paths of this set that the other lacks.</summary>
    public FieldSet Except(FieldSet other) => new(_paths.Where(p => !other.Contains(p)));

    /// <summary>The paths of both sets.</summary>
    public FieldSet Intersect(FieldSet other) => new(_paths.Where(other.Contains));
}
