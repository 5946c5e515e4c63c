namespace LlmOperator.Kubernetes.Queue;

/// <summary>What <see cref="WorkQueue{TKey}.GetAsync"/> hands out: a key to process, or (the default value) news that the queue shut down.</summary>
internal readonly struct WorkItem<TKey> : IEquatable<WorkItem<TKey>>
{
    private readonly bool _hasKey;

    /// <summary>An item carrying a key.</summary>
    public WorkItem(TKey key)
    {
        Key = key;
        _hasKey = true;
    }

    /// <summary>The key to process; meaningless when <see cref="IsShutDown"/>.</summary>
    public TKey Key { get; }

    /// <summary>Whether the queue shut down instead of handing out a key: the worker should stop.</summary>
    public bool IsShutDown => !_hasKey;

    /// <summary>Whether two items are equal.</summary>
    public static bool operator ==(WorkItem<TKey> left, WorkItem<TKey> right) => left.Equals(right);

    /// <summary>Whether two items differ.</summary>
    public static bool operator !=(WorkItem<TKey> left, WorkItem<TKey> right) => !left.Equals(right);

    /// <inheritdoc />
    public bool Equals(WorkItem<TKey> other) => _hasKey == other._hasKey && EqualityComparer<TKey>.Default.Equals(Key, other.Key);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is WorkItem<TKey> other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(_hasKey, Key);
}
