using System.Runtime.InteropServices;
using LlmOperator.Kubernetes.Access;

namespace LlmOperator.Kubernetes.Informers;

/// <summary>
/// The keys of the cached objects found under each value of an index (a namespace, an owner's uid, a
/// <see cref="CacheIndex{T}"/>'s key). Most values find one object (a Deployment's owner, a model's fallback), so
/// the first key is kept inline and a set is made only for a second: at 10,000 ModelDeployments a set per owner
/// was 20,000 sets, and every update of an owned object dropped its owner's set and made a new one.
/// </summary>
/// <typeparam name="TValue">What the index is keyed by.</typeparam>
internal sealed class KeyIndex<TValue>(IEqualityComparer<TValue>? comparer = null)
    where TValue : notnull
{
    private readonly Dictionary<TValue, Keys> _entries = new(comparer);

    /// <summary>Indexes <paramref name="key"/> under <paramref name="value"/>.</summary>
    public void Add(TValue value, ObjectKey key)
    {
        ref var keys = ref CollectionsMarshal.GetValueRefOrAddDefault(_entries, value, out var exists);
        if (!exists)
        {
            keys = new Keys(key, null);
        }
        else if (keys.More is { } more)
        {
            more.Add(key);
        }
        else if (keys.First != key)
        {
            keys = new Keys(default, [keys.First, key]);
        }
    }

    /// <summary>Removes <paramref name="key"/> from under <paramref name="value"/>.</summary>
    public void Remove(TValue value, ObjectKey key)
    {
        if (_entries.TryGetValue(value, out var keys)
            && (keys.More is null ? keys.First == key : keys.More.Remove(key) && keys.More.Count == 0))
        {
            _entries.Remove(value);
        }
    }

    /// <summary>What <paramref name="select"/> gives for each key under <paramref name="value"/>.</summary>
    public List<TResult> Find<TResult>(TValue value, Func<ObjectKey, TResult> select)
    {
        ArgumentNullException.ThrowIfNull(select);
        if (!_entries.TryGetValue(value, out var keys))
        {
            return [];
        }

        return keys.More is null ? [select(keys.First)] : [.. keys.More.Select(select)];
    }

    // One key inline, or all of them in More once there are two or more.
    private readonly record struct Keys(ObjectKey First, HashSet<ObjectKey>? More);
}
