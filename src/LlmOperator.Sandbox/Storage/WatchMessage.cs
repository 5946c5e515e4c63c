namespace LlmOperator.Sandbox.Storage;

/// <summary>What a watch subscription receives: a change, or a bookmark of how far the store has got.</summary>
public abstract record WatchMessage
{
    /// <summary>A committed change.</summary>
    public sealed record Change(StoreEvent Event) : WatchMessage;

    /// <summary>Every change up to this resourceVersion has been delivered.</summary>
    public sealed record Bookmark(long ResourceVersion) : WatchMessage;
}
