using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using LlmOperator.Sandbox.Resources;

namespace LlmOperator.Sandbox.Storage;

/// <summary>
/// The sandbox's etcd: every object of every resource under one increasing resourceVersion, a bounded
/// history of changes per resource for watches (older versions answer Gone), and an index of
/// dependents by owner uid for garbage collection. One lock orders all commits, which is what lets a
/// list's resourceVersion and a watch from it agree exactly.
/// </summary>
public sealed class ObjectStore(int historyCapacity = 10_000, int subscriberCapacity = 100_000)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<ResourceKey, Table> _tables = [];
    private readonly Dictionary<string, HashSet<ObjectRef>> _dependents = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ObjectRef> _byUid = new(StringComparer.Ordinal);
    private readonly List<WatchSubscription> _subscriptions = [];
    private long _resourceVersion = 1000;

    /// <summary>The resourceVersion of the latest commit.</summary>
    public long ResourceVersion
    {
        get
        {
            lock (_gate)
            {
                return _resourceVersion;
            }
        }
    }

    /// <summary>How many watch subscriptions are open.</summary>
    public int SubscriptionCount
    {
        get
        {
            lock (_gate)
            {
                return _subscriptions.Count;
            }
        }
    }

    /// <summary>One object, or null.</summary>
    public StoredObject? Get(ResourceKey resource, string ns, string name)
    {
        lock (_gate)
        {
            return _tables.TryGetValue(resource, out var table) ? table.Objects.GetValueOrDefault(Key(ns, name)) : null;
        }
    }

    /// <summary>
    /// A page of the objects of a resource (in one namespace or all) that satisfy a filter, in key order.
    /// The continue token resumes after the last key returned.
    /// </summary>
    public ListPage List(ResourceKey resource, string? ns, Func<StoredObject, bool>? filter = null, int limit = 0, string? continueToken = null)
    {
        var (listVersion, after) = continueToken is null ? (0L, null) : DecodeContinue(continueToken);
        lock (_gate)
        {
            var items = new List<StoredObject>();
            string? lastKey = null;
            long remaining = 0;
            if (_tables.TryGetValue(resource, out var table) && table.Keys.Count > 0)
            {
                var low = after is null ? (ns is null ? table.Keys.Min! : Key(ns, "")) : after + "\0";
                var high = ns is null ? table.Keys.Max! : Key(ns, "\uffff");
                var keys = string.CompareOrdinal(low, high) > 0 ? [] : table.Keys.GetViewBetween(low, high);
                foreach (var key in keys)
                {
                    var obj = table.Objects[key];
                    if (filter is not null && !filter(obj))
                    {
                        continue;
                    }

                    if (limit > 0 && items.Count == limit)
                    {
                        remaining++;
                        continue;
                    }

                    items.Add(obj);
                    lastKey = key;
                }
            }

            // A continued list keeps the resourceVersion of its first page, as the API server does.
            var version = continueToken is null ? _resourceVersion : listVersion;
            return remaining > 0
                ? new ListPage(items, version, EncodeContinue(version, lastKey!), remaining)
                : new ListPage(items, version, null, null);
        }
    }

    /// <summary>
    /// The objects of a resource in a namespace that no controller owns and that satisfy a filter, in key order: what
    /// controllers may adopt. An index keeps this from reading every object of the namespace on each sync.
    /// </summary>
    public IReadOnlyList<StoredObject> ListUncontrolled(ResourceKey resource, string ns, Func<StoredObject, bool> filter)
    {
        ArgumentNullException.ThrowIfNull(filter);
        lock (_gate)
        {
            if (!_tables.TryGetValue(resource, out var table) || table.Uncontrolled.Count == 0)
            {
                return [];
            }

            return [.. table.Uncontrolled.GetViewBetween(Key(ns, ""), Key(ns, "\uffff")).Select(k => table.Objects[k]).Where(filter)];
        }
    }

    /// <summary>Stores a new object, stamping its resourceVersion.</summary>
    public StoredObject Create(ResourceKey resource, JsonObject obj)
    {
        ArgumentNullException.ThrowIfNull(obj);
        var (ns, name) = Identity(obj);
        lock (_gate)
        {
            var table = TableFor(resource);
            if (table.Objects.ContainsKey(Key(ns, name)))
            {
                throw new StoreException(StoreFailure.AlreadyExists, $"{resource} \"{name}\" already exists");
            }

            var stored = Stamp(obj);
            table.Objects[Key(ns, name)] = stored;
            table.Keys.Add(Key(ns, name));
            table.Index(Key(ns, name), stored);
            Commit(new StoreEvent(WatchEventType.Added, resource, stored, null), table);
            return stored;
        }
    }

    /// <summary>Replaces an object if it is still at <paramref name="expectedVersion"/>.</summary>
    public StoredObject Update(ResourceKey resource, JsonObject obj, long expectedVersion)
    {
        ArgumentNullException.ThrowIfNull(obj);
        var (ns, name) = Identity(obj);
        lock (_gate)
        {
            var table = TableFor(resource);
            var current = table.Objects.GetValueOrDefault(Key(ns, name))
                ?? throw new StoreException(StoreFailure.NotFound, $"{resource} \"{name}\" not found");
            if (current.ResourceVersion != expectedVersion)
            {
                throw new StoreException(StoreFailure.Conflict, $"the object has been modified; please apply your changes to the latest version and try again");
            }

            var stored = Stamp(obj);
            table.Objects[Key(ns, name)] = stored;
            table.Index(Key(ns, name), stored);
            Commit(new StoreEvent(WatchEventType.Modified, resource, stored, current), table);
            return stored;
        }
    }

    /// <summary>Removes an object if it is still at <paramref name="expectedVersion"/> (when given).</summary>
    public StoredObject Delete(ResourceKey resource, string ns, string name, long? expectedVersion = null)
    {
        lock (_gate)
        {
            var table = TableFor(resource);
            var current = table.Objects.GetValueOrDefault(Key(ns, name))
                ?? throw new StoreException(StoreFailure.NotFound, $"{resource} \"{name}\" not found");
            if (expectedVersion is { } expected && current.ResourceVersion != expected)
            {
                throw new StoreException(StoreFailure.Conflict, "the object has been modified; please apply your changes to the latest version and try again");
            }

            table.Objects.Remove(Key(ns, name));
            table.Keys.Remove(Key(ns, name));
            table.Uncontrolled.Remove(Key(ns, name));
            var tombstone = Stamp(current.ToJsonObject());
            Commit(new StoreEvent(WatchEventType.Deleted, resource, tombstone, current), table);
            return tombstone;
        }
    }

    /// <summary>
    /// Starts a watch. From a resourceVersion, history after it is replayed first (Gone if it is older than
    /// the history kept); without one, the current objects come as <see cref="WatchSubscription.Initial"/>.
    /// </summary>
    public WatchSubscription Watch(ResourceKey resource, string? ns, long? fromVersion)
    {
        lock (_gate)
        {
            var table = TableFor(resource);
            if (fromVersion is { } from && from < table.CompactedVersion)
            {
                throw new StoreException(StoreFailure.Gone, $"too old resource version: {from} ({table.CompactedVersion + 1})");
            }

            var initial = fromVersion is null
                ? table.Keys.Select(k => table.Objects[k]).Where(o => ns is null || o.Namespace == ns).ToList()
                : [];
            var subscription = new WatchSubscription(resource, ns, subscriberCapacity, initial, Unsubscribe);
            if (fromVersion is { } since)
            {
                foreach (var change in table.History.Where(e => e.ResourceVersion > since && subscription.Matches(e)))
                {
                    subscription.Offer(new WatchMessage.Change(change));
                }
            }

            _subscriptions.Add(subscription);
            return subscription;
        }
    }

    /// <summary>Every change to every resource from now on, for the sandbox's own controllers.</summary>
    public WatchSubscription WatchAll()
    {
        lock (_gate)
        {
            var subscription = new WatchSubscription(null, null, int.MaxValue, [], Unsubscribe);
            _subscriptions.Add(subscription);
            return subscription;
        }
    }

    /// <summary>Queues a bookmark behind everything already queued for the subscription.</summary>
    public void Bookmark(WatchSubscription subscription)
    {
        ArgumentNullException.ThrowIfNull(subscription);
        lock (_gate)
        {
            subscription.Offer(new WatchMessage.Bookmark(_resourceVersion));
        }
    }

    /// <summary>The objects whose ownerReferences name an owner uid.</summary>
    public IReadOnlyList<ObjectRef> Dependents(string ownerUid)
    {
        lock (_gate)
        {
            return _dependents.TryGetValue(ownerUid, out var refs) ? [.. refs] : [];
        }
    }

    /// <summary>Where the object with a uid lives, if it exists.</summary>
    public ObjectRef? FindByUid(string uid)
    {
        lock (_gate)
        {
            return _byUid.TryGetValue(uid, out var found) ? found : null;
        }
    }

    /// <summary>The resources that hold at least one object.</summary>
    public IReadOnlyList<ResourceKey> Resources()
    {
        lock (_gate)
        {
            return [.. _tables.Where(t => t.Value.Objects.Count > 0).Select(t => t.Key)];
        }
    }

    /// <summary>Forgets all watch history: watches from any earlier resourceVersion now answer Gone.</summary>
    public void CompactHistory()
    {
        lock (_gate)
        {
            foreach (var table in _tables.Values)
            {
                table.History.Clear();
                table.CompactedVersion = _resourceVersion;
            }
        }
    }

    /// <summary>Closes every watch subscription of API clients (the sandbox's own controllers keep theirs).</summary>
    public void CloseWatches()
    {
        lock (_gate)
        {
            foreach (var subscription in _subscriptions.Where(s => s.Resource is not null).ToList())
            {
                subscription.Close();
            }
        }
    }

    private StoredObject Stamp(JsonObject obj)
    {
        _resourceVersion++;
        obj["metadata"]!["resourceVersion"] = _resourceVersion.ToString(CultureInfo.InvariantCulture);
        return StoredObject.From(obj, _resourceVersion);
    }

    private void Commit(StoreEvent change, Table table)
    {
        table.History.Enqueue(change);
        while (table.History.Count > historyCapacity)
        {
            table.CompactedVersion = table.History.Dequeue().ResourceVersion;
        }

        var target = new ObjectRef(change.Resource, change.Item.Namespace, change.Item.Name);
        if (change.Type == WatchEventType.Deleted)
        {
            _byUid.Remove(change.Item.Uid);
        }
        else if (change.Item.Uid.Length > 0)
        {
            _byUid[change.Item.Uid] = target;
        }

        foreach (var owner in change.Previous?.OwnerUids ?? [])
        {
            if (_dependents.TryGetValue(owner, out var set) && set.Remove(target) && set.Count == 0)
            {
                _dependents.Remove(owner);
            }
        }

        if (change.Type != WatchEventType.Deleted)
        {
            foreach (var owner in change.Item.OwnerUids)
            {
                if (!_dependents.TryGetValue(owner, out var set))
                {
                    _dependents[owner] = set = [];
                }

                set.Add(target);
            }
        }

        foreach (var subscription in _subscriptions)
        {
            if (subscription.Matches(change))
            {
                subscription.Offer(new WatchMessage.Change(change));
            }
        }
    }

    private Table TableFor(ResourceKey resource)
    {
        if (!_tables.TryGetValue(resource, out var table))
        {
            _tables[resource] = table = new Table { CompactedVersion = _resourceVersion };
        }

        return table;
    }

    private void Unsubscribe(WatchSubscription subscription)
    {
        lock (_gate)
        {
            _subscriptions.Remove(subscription);
        }
    }

    private static (string Namespace, string Name) Identity(JsonObject obj) =>
        (obj["metadata"]?["namespace"]?.ToString() ?? "",
            obj["metadata"]?["name"]?.ToString() ?? throw new ArgumentException("The object has no name.", nameof(obj)));

    private static string Key(string ns, string name) => ns + "/" + name;

    private static string EncodeContinue(long version, string lastKey) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes($"{version.ToString(CultureInfo.InvariantCulture)}|{lastKey}"));

    private static (long Version, string After) DecodeContinue(string token)
    {
        try
        {
            var text = Encoding.UTF8.GetString(Convert.FromBase64String(token));
            var bar = text.IndexOf('|', StringComparison.Ordinal);
            return (long.Parse(text[..bar], CultureInfo.InvariantCulture), text[(bar + 1)..]);
        }
        catch (Exception e) when (e is FormatException or ArgumentOutOfRangeException or OverflowException)
        {
            throw new ArgumentException("continue key is not valid", nameof(token), e);
        }
    }

    private sealed class Table
    {
        public Dictionary<string, StoredObject> Objects { get; } = new(StringComparer.Ordinal);

        // Sorted keys give lists the API server's order and let a namespace or a continued page start mid-way.
        public SortedSet<string> Keys { get; } = new(StringComparer.Ordinal);

        // The keys of objects with no controller reference, which adoption reads.
        public SortedSet<string> Uncontrolled { get; } = new(StringComparer.Ordinal);

        public Queue<StoreEvent> History { get; } = new();

        public long CompactedVersion { get; set; }

        public void Index(string key, StoredObject stored)
        {
            if (stored.HasController)
            {
                Uncontrolled.Remove(key);
            }
            else
            {
                Uncontrolled.Add(key);
            }
        }
    }
}
