using k8s;
using k8s.Models;
using LlmOperator.Kubernetes.Access;

namespace LlmOperator.Kubernetes.Informers;

/// <summary>
/// The objects of one kind as an informer last saw them, indexed by namespace, by owner uid and by any
/// <see cref="CacheIndex{T}"/> read from it. It
/// turns watch events and re-lists into changes, dropping the ones that change nothing (an event
/// replayed after a re-watch, an object unchanged across a re-list).
/// </summary>
public sealed class InformerCache<T>
    where T : class, IKubernetesObject<V1ObjectMeta>
{
    private readonly Lock _gate = new();
    private readonly Dictionary<ObjectKey, T> _objects = [];
    private readonly KeyIndex<string> _byNamespace = new(StringComparer.Ordinal);
    private readonly KeyIndex<string> _byOwner = new(StringComparer.Ordinal);
    private readonly Dictionary<CacheIndex<T>, KeyIndex<ObjectKey>> _indexes = [];

    /// <summary>How many objects the cache holds.</summary>
    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _objects.Count;
            }
        }
    }

    /// <summary>The object with the key, or null. Treat it as read-only: it is shared.</summary>
    public T? Get(ObjectKey key)
    {
        lock (_gate)
        {
            return _objects.GetValueOrDefault(key);
        }
    }

    /// <summary>Every object, or those of one namespace.</summary>
    public IReadOnlyList<T> List(string? @namespace = null)
    {
        lock (_gate)
        {
            return @namespace is null
                ? [.. _objects.Values]
                : _byNamespace.Find(@namespace, k => _objects[k]);
        }
    }

    /// <summary>The objects with an owner reference to the uid.</summary>
    public IReadOnlyList<T> ListOwnedBy(string ownerUid)
    {
        lock (_gate)
        {
            return _byOwner.Find(ownerUid, k => _objects[k]);
        }
    }

    /// <summary>The objects <paramref name="index"/> finds under <paramref name="key"/>.</summary>
    public IReadOnlyList<T> ListIndexed(CacheIndex<T> index, ObjectKey key)
    {
        ArgumentNullException.ThrowIfNull(index);
        lock (_gate)
        {
            return IndexLocked(index).Find(key, k => _objects[k]);
        }
    }

    /// <summary>Applies a watch event; returns the change, or null when it changes nothing.</summary>
    public CacheChange<T>? Apply(WatchEventType type, T obj)
    {
        ArgumentNullException.ThrowIfNull(obj);
        var key = ObjectKey.Of(obj);
        lock (_gate)
        {
            var old = _objects.GetValueOrDefault(key);
            if (type == WatchEventType.Deleted)
            {
                if (old is null)
                {
                    return null;
                }

                RemoveLocked(key, old);
                return new CacheChange<T>(old, null);
            }

            if (old is not null && old.Metadata.ResourceVersion == obj.Metadata.ResourceVersion)
            {
                return null;
            }

            SetLocked(key, old, obj);
            return new CacheChange<T>(old, obj);
        }
    }

    /// <summary>
    /// Replaces what the cache holds for a namespace (or for every namespace when null) by a fresh list,
    /// and returns the changes: added, updated (another resourceVersion) and deleted objects.
    /// </summary>
    public IReadOnlyList<CacheChange<T>> Replace(string? @namespace, IReadOnlyList<T> items)
    {
        ArgumentNullException.ThrowIfNull(items);
        var changes = new List<CacheChange<T>>();
        lock (_gate)
        {
            var listed = new HashSet<ObjectKey>();
            foreach (var obj in items)
            {
                var key = ObjectKey.Of(obj);
                listed.Add(key);
                var old = _objects.GetValueOrDefault(key);
                if (old is null || old.Metadata.ResourceVersion != obj.Metadata.ResourceVersion)
                {
                    SetLocked(key, old, obj);
                    changes.Add(new CacheChange<T>(old, obj));
                }
            }

            var inScope = @namespace is null ? [.. _objects.Keys] : _byNamespace.Find(@namespace, k => k);
            foreach (var key in inScope.Where(k => !listed.Contains(k)))
            {
                var gone = _objects[key];
                RemoveLocked(key, gone);
                changes.Add(new CacheChange<T>(gone, null));
            }
        }

        return changes;
    }

    private void SetLocked(ObjectKey key, T? old, T obj)
    {
        if (old is not null)
        {
            RemoveLocked(key, old);
        }

        _objects[key] = obj;
        _byNamespace.Add(key.Namespace ?? "", key);
        foreach (var owner in obj.Metadata.OwnerReferences ?? [])
        {
            _byOwner.Add(owner.Uid, key);
        }

        foreach (var (index, entries) in _indexes)
        {
            foreach (var value in index.KeysOf(obj))
            {
                entries.Add(value, key);
            }
        }
    }

    private void RemoveLocked(ObjectKey key, T old)
    {
        _objects.Remove(key);
        _byNamespace.Remove(key.Namespace ?? "", key);
        foreach (var owner in old.Metadata.OwnerReferences ?? [])
        {
            _byOwner.Remove(owner.Uid, key);
        }

        foreach (var (index, entries) in _indexes)
        {
            foreach (var value in index.KeysOf(old))
            {
                entries.Remove(value, key);
            }
        }
    }

    private KeyIndex<ObjectKey> IndexLocked(CacheIndex<T> index)
    {
        if (!_indexes.TryGetValue(index, out var entries))
        {
            _indexes[index] = entries = new();
            foreach (var (key, obj) in _objects)
            {
                foreach (var value in index.KeysOf(obj))
                {
                    entries.Add(value, key);
                }
            }
        }

        return entries;
    }
}
