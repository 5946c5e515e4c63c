using System.Threading.Channels;
using LlmOperator.Sandbox.Resources;

namespace LlmOperator.Sandbox.Storage;

/// <summary>
/// A live feed of changes for one resource (or all, for the sandbox's own controllers), fed in commit
/// order under the store's lock so that nothing is missed or reordered. A subscriber that falls too far
/// behind is closed, as the real API server closes slow watchers; it re-watches.
/// </summary>
public sealed class WatchSubscription : IDisposable
{
    private readonly Channel<WatchMessage> _channel;
    private readonly Action<WatchSubscription> _unsubscribe;
    private readonly CancellationTokenSource _closed = new();

    internal WatchSubscription(ResourceKey? resource, string? ns, int capacity, IReadOnlyList<StoredObject> initial, Action<WatchSubscription> unsubscribe)
    {
        Resource = resource;
        Namespace = ns;
        Initial = initial;
        _unsubscribe = unsubscribe;
        _channel = Channel.CreateBounded<WatchMessage>(new BoundedChannelOptions(capacity) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });
    }

    /// <summary>The resource watched, or null for every resource.</summary>
    public ResourceKey? Resource { get; }

    /// <summary>The namespace watched, or null for all.</summary>
    public string? Namespace { get; }

    /// <summary>The objects that existed when a watch without a resourceVersion started.</summary>
    public IReadOnlyList<StoredObject> Initial { get; }

    /// <summary>The changes, in commit order.</summary>
    public ChannelReader<WatchMessage> Messages => _channel.Reader;

    /// <summary>Cancelled when the store drops the subscription (fault injection, overflow, shutdown).</summary>
    public CancellationToken Closed => _closed.Token;

    internal bool Matches(StoreEvent change) =>
        (Resource is null || Resource == change.Resource) && (Namespace is null || Namespace == change.Item.Namespace);

    internal void Offer(WatchMessage message)
    {
        if (!_channel.Writer.TryWrite(message))
        {
            Close();
        }
    }

    /// <summary>Ends the feed; the reader sees completion.</summary>
    internal void Close()
    {
        _channel.Writer.TryComplete();
        if (!_closed.IsCancellationRequested)
        {
            _closed.Cancel();
        }
    }

    /// <summary>Stops the feed and unregisters it.</summary>
    public void Dispose()
    {
        _unsubscribe(this);
        Close();
        _closed.Dispose();
    }
}
