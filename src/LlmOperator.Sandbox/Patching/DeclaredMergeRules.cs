namespace LlmOperator.Sandbox.Patching;

/// <summary>Merge rules given as a table of dotted field paths.</summary>
internal sealed class DeclaredMergeRules : IMergeRules
{
    private readonly Dictionary<string, ListMerge> _lists;
    private readonly HashSet<string> _atomicObjects;

    /// <summary>Rules with the given lists and atomic objects; every other list is atomic.</summary>
    public DeclaredMergeRules(IEnumerable<(string Path, ListMerge Merge)> lists, IEnumerable<string> atomicObjects)
    {
        _lists = lists.ToDictionary(l => l.Path, l => l.Merge, StringComparer.Ordinal);
        _atomicObjects = new HashSet<string>(atomicObjects, StringComparer.Ordinal);
    }

    /// <inheritdoc/>
    public ListMerge ListAt(IReadOnlyList<string> path) => _lists.GetValueOrDefault(Dotted(path), ListMerge.Atomic);

    /// <inheritdoc/>
    public bool IsAtomicObject(IReadOnlyList<string> path) => _atomicObjects.Contains(Dotted(path));

    // Every declared path runs through struct fields only, so a map key that holds a dot (a label such as
    // app.kubernetes.io/name) can never make a lookup match a declared path by accident.
    private static string Dotted(IReadOnlyList<string> path) => string.Join('.', path);
}
