using System.Collections;
using System.Collections.ObjectModel;
using System.Diagnostics.CodeAnalysis;

namespace LlmOperator.Manifests.Schema;

/// <summary>
/// The variables of a node's rules, <c>self</c> and <c>oldSelf</c> as plain values, which answer a field path too
/// (<c>self.spec.replicas</c>) by walking the maps. The Cel library asks for a field selection's whole text first, and
/// otherwise evaluates it one field at a time, searching every protobuf enum it knows for a type of each prefix's
/// name: most of the time of a rule (issue 20). A path that does not lead through maps to a value is left to the
/// library, so every outcome, a missing field's included, is the library's own. The library reads variables only
/// through <see cref="TryGetValue"/>; the dictionary is read-only.
/// </summary>
public sealed class CelVariableDictionary : IDictionary<string, object?>
{
    private readonly Dictionary<string, object?> _variables;

    /// <summary>Variables with <paramref name="self"/>, and <paramref name="oldSelf"/> when <paramref name="hasOldSelf"/>.</summary>
    public CelVariableDictionary(object? self, object? oldSelf, bool hasOldSelf)
    {
        _variables = new(StringComparer.Ordinal) { ["self"] = self };
        if (hasOldSelf)
        {
            _variables["oldSelf"] = oldSelf;
        }
    }

    /// <summary>
    /// The same variables without field paths, for a rule that binds <c>self</c> or <c>oldSelf</c> to a macro's items
    /// (<c>self.items.all(self, self.name != '')</c>), where a path is the item's and only the library can tell.
    /// </summary>
    public IDictionary<string, object?> WithoutFieldPaths => new ReadOnlyDictionary<string, object?>(_variables);

    /// <inheritdoc/>
    public bool TryGetValue(string key, [MaybeNullWhen(false)] out object? value)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (_variables.TryGetValue(key, out value))
        {
            return true;
        }

        var fields = key.Split('.');
        if (fields.Length < 2 || !_variables.TryGetValue(fields[0], out var current))
        {
            return false;
        }

        foreach (var field in fields.AsSpan(1))
        {
            if (current is not IDictionary<string, object?> map || !map.TryGetValue(field, out current))
            {
                value = null;
                return false;
            }
        }

        value = current;
        return true;
    }

    /// <inheritdoc/>
    public object? this[string key]
    {
        get => TryGetValue(key, out var value) ? value : throw new KeyNotFoundException(key);
        set => throw ReadOnly();
    }

    /// <inheritdoc/>
    public ICollection<string> Keys => _variables.Keys;

    /// <inheritdoc/>
    public ICollection<object?> Values => _variables.Values;

    /// <inheritdoc/>
    public int Count => _variables.Count;

    /// <inheritdoc/>
    public bool IsReadOnly => true;

    /// <inheritdoc/>
    public bool ContainsKey(string key) => TryGetValue(key, out _);

    /// <inheritdoc/>
    public bool Contains(KeyValuePair<string, object?> item) => ((ICollection<KeyValuePair<string, object?>>)_variables).Contains(item);

    /// <inheritdoc/>
    public void CopyTo(KeyValuePair<string, object?>[] array, int arrayIndex) =>
        ((ICollection<KeyValuePair<string, object?>>)_variables).CopyTo(array, arrayIndex);

    /// <inheritdoc/>
    public IEnumerator<KeyValuePair<string, object?>> GetEnumerator() => _variables.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <inheritdoc/>
    public void Add(string key, object? value) => throw ReadOnly();

    /// <inheritdoc/>
    public void Add(KeyValuePair<string, object?> item) => throw ReadOnly();

    /// <inheritdoc/>
    public bool Remove(string key) => throw ReadOnly();

    /// <inheritdoc/>
    public bool Remove(KeyValuePair<string, object?> item) => throw ReadOnly();

    /// <inheritdoc/>
    public void Clear() => throw ReadOnly();

    private static NotSupportedException ReadOnly() => new("a rule's variables are read-only");
}
