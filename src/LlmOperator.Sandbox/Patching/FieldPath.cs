namespace LlmOperator.Sandbox.Patching;

/// <summary>The path of a field from an object's root, printed as the API server prints it: <c>.spec.containers[name="app"].image</c>.</summary>
internal sealed class FieldPath : IEquatable<FieldPath>, IComparable<FieldPath>
{
    private readonly PathElement[] _elements;
    private readonly int _hash;

    private FieldPath(PathElement[] elements)
    {
        _elements = elements;

        // Paths are hashed again and again by the field sets of an apply; they are immutable, so hash once.
        var hash = new HashCode();
        foreach (var element in elements)
        {
            hash.Add(element);
        }

        _hash = hash.ToHashCode();
    }

    /// <summary>The path of the object itself.</summary>
    public static FieldPath Root { get; } = new([]);

    /// <summary>The steps from the root.</summary>
    public IReadOnlyList<PathElement> Elements => _elements;

    /// <summary>Whether this is the path of the object itself.</summary>
    public bool IsRoot => _elements.Length == 0;

    /// <summary>The path of the object or list that holds this field or item.</summary>
    public FieldPath Parent => new(_elements[..^1]);

    /// <summary>The path of a field reached through the given object fields.</summary>
    public static FieldPath Of(params string[] fieldNames) => new([.. fieldNames.Select(PathElement.Field)]);

    /// <summary>The path one step further.</summary>
    public FieldPath Append(PathElement element) => new([.. _elements, element]);

    /// <summary>Whether this path lies strictly inside the field <paramref name="ancestor"/> designates.</summary>
    public bool IsInside(FieldPath ancestor) =>
        _elements.Length > ancestor._elements.Length && ancestor._elements.SequenceEqual(_elements.Take(ancestor._elements.Length));

    /// <inheritdoc/>
    public override string ToString() => string.Concat(_elements.Select(e => e.ToString()));

    /// <inheritdoc/>
    public bool Equals(FieldPath? other) => other is not null && _hash == other._hash && _elements.SequenceEqual(other._elements);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as FieldPath);

    /// <inheritdoc/>
    public override int GetHashCode() => _hash;

    /// <summary>Element by element; a path sorts before the paths inside it.</summary>
    public int CompareTo(FieldPath? other)
    {
        if (other is null)
        {
            return 1;
        }

        for (var i = 0; i < Math.Min(_elements.Length, other._elements.Length); i++)
        {
            var order = _elements[i].CompareTo(other._elements[i]);
            if (order != 0)
            {
                return order;
            }
        }

        return _elements.Length.CompareTo(other._elements.Length);
    }
}
