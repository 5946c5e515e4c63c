namespace LlmOperator.Kubernetes.Events;

/// <summary>
/// Remembers recent Events by what they say (object, type, reason, message) so that a repeat becomes a
/// count on the Event already written. Bounded: the least recently seen series is forgotten first.
/// </summary>
internal sealed class EventAggregator
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, LinkedListNode<(string Key, EventSeries Series)>> _byKey = new(StringComparer.Ordinal);
    private readonly LinkedList<(string Key, EventSeries Series)> _recent = new();
    private readonly int _capacity;

    /// <summary>Creates an aggregator that remembers up to <paramref name="capacity"/> series.</summary>
    public EventAggregator(int capacity = 4096)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        _capacity = capacity;
    }

    /// <summary>The key that makes two events repeats of one another.</summary>
    public static string KeyOf(string objectUid, string type, string reason, string message) => string.Join('\u001f', objectUid, type, reason, message);

    /// <summary>
    /// Counts one more occurrence of <paramref name="key"/>: the series to patch (count increased), or
    /// the new series <paramref name="start"/> gives when the event was not seen recently.
    /// </summary>
    public (EventSeries Series, bool IsNew) Observe(string key, Func<EventSeries> start)
    {
        ArgumentNullException.ThrowIfNull(start);
        lock (_gate)
        {
            if (_byKey.TryGetValue(key, out var node))
            {
                _recent.Remove(node);
                node.Value = (key, node.Value.Series with { Count = node.Value.Series.Count + 1 });
                _recent.AddFirst(node);
                return (node.Value.Series, false);
            }

            var series = start();
            _byKey[key] = _recent.AddFirst((key, series));
            if (_recent.Count > _capacity)
            {
                _byKey.Remove(_recent.Last!.Value.Key);
                _recent.RemoveLast();
            }

            return (series, true);
        }
    }

    /// <summary>Forgets a series (its Event was deleted), so the next occurrence starts a new one.</summary>
    public void Forget(string key)
    {
        lock (_gate)
        {
            if (_byKey.Remove(key, out var node))
            {
                _recent.Remove(node);
            }
        }
    }
}
