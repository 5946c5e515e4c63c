using System.Collections;
using System.Diagnostics.CodeAnalysis;

namespace LlmOperator.Kubernetes.Informers;

/// <summary>
/// A map of strings kept as one array of pairs, searched in order with ordinal comparison. The labels, annotations
/// and selectors of a cached object are a handful of entries, for which a <see cref="Dictionary{TKey,TValue}"/>'s
/// buckets and entries cost about twice the memory: at 10,000 ModelDeployments, 30,000 maps of three labels (issue 20).
/// It is a complete, mutable dictionary, so code that changes a copy of a cached object works unchanged.
/// </summary>
internal sealed class SmallStringMap : IDictionary<string, string>, IReadOnlyDictionary<string, string>
{
    private KeyValuePair<string, string>[] _pairs;
    private int _count;

    /// <summary>A map with room for <paramref name="capacity"/> entries.</summary>
    public SmallStringMap(int capacity) => _pairs = capacity == 0 ? [] : new KeyValuePair<string, string>[capacity];

    /// <inheritdoc />
    public int Count => _count;

    /// <inheritdoc />
    public bool IsReadOnly => false;

    /// <inheritdoc cref="IDictionary{TKey,TValue}.Keys" />
    public ICollection<string> Keys => [.. Pairs.Select(p => p.Key)];

    /// <inheritdoc cref="IDictionary{TKey,TValue}.Values" />
    public ICollection<string> Values => [.. Pairs.Select(p => p.Value)];

    IEnumerable<string> IReadOnlyDictionary<string, string>.Keys => Keys;

    IEnumerable<string> IReadOnlyDictionary<string, string>.Values => Values;

    private ArraySegment<KeyValuePair<string, string>> Pairs => new(_pairs, 0, _count);

    /// <inheritdoc cref="IDictionary{TKey,TValue}.this" />
    public string this[string key]
    {
        get => TryGetValue(key, out var value) ? value : throw new KeyNotFoundException($"The label or annotation \"{key}\" is not present.");
        set
        {
            var index = IndexOf(key);
            if (index >= 0)
            {
                _pairs[index] = new(_pairs[index].Key, value);
            }
            else
            {
                Append(key, value);
            }
        }
    }

    /// <inheritdoc />
    public void Add(string key, string value)
    {
        if (IndexOf(key) >= 0)
        {
            throw new ArgumentException($"An entry with the key \"{key}\" is already present.", nameof(key));
        }

        Append(key, value);
    }

    /// <inheritdoc />
    public void Add(KeyValuePair<string, string> item) => Add(item.Key, item.Value);

    /// <inheritdoc />
    public bool ContainsKey(string key) => IndexOf(key) >= 0;

    /// <inheritdoc />
    public bool Contains(KeyValuePair<string, string> item) =>
        TryGetValue(item.Key, out var value) && string.Equals(value, item.Value, StringComparison.Ordinal);

    /// <inheritdoc cref="IDictionary{TKey,TValue}.TryGetValue" />
    public bool TryGetValue(string key, [MaybeNullWhen(false)] out string value)
    {
        var index = IndexOf(key);
        value = index >= 0 ? _pairs[index].Value : null;
        return index >= 0;
    }

    /// <inheritdoc />
    public bool Remove(string key)
    {
        var index = IndexOf(key);
        if (index < 0)
        {
            return false;
        }

        Array.Copy(_pairs, index + 1, _pairs, index, _count - index - 1);
        _pairs[--_count] = default;
        return true;
    }

    /// <inheritdoc />
    public bool Remove(KeyValuePair<string, string> item) => Contains(item) && Remove(item.Key);

    /// <inheritdoc />
    public void Clear()
    {
        Array.Clear(_pairs);
        _count = 0;
    }

    /// <inheritdoc />
    public void CopyTo(KeyValuePair<string, string>[] array, int arrayIndex) => Pairs.CopyTo(array, arrayIndex);

    /// <inheritdoc />
    public IEnumerator<KeyValuePair<string, string>> GetEnumerator() => ((IEnumerable<KeyValuePair<string, string>>)Pairs).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    private int IndexOf(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        for (var i = 0; i < _count; i++)
        {
            if (string.Equals(_pairs[i].Key, key, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }

    private void Append(string key, string value)
    {
        if (_count == _pairs.Length)
        {
            Array.Resize(ref _pairs, Math.Max(4, _count * 2));
        }

        _pairs[_count++] = new(key, value);
    }
}
