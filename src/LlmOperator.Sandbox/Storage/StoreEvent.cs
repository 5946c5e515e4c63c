using LlmOperator.Sandbox.Resources;

namespace LlmOperator.Sandbox.Storage;

/// <summary>One committed change.</summary>
/// <param name="Type">Added, Modified or Deleted.</param>
/// <param name="Resource">The resource the object belongs to.</param>
/// <param name="Item">The object after the change (for Deleted, as it was when deleted, stamped with the deletion's resourceVersion).</param>
/// <param name="Previous">The object before the change, for Modified and Deleted.</param>
public sealed record StoreEvent(WatchEventType Type, ResourceKey Resource, StoredObject Item, StoredObject? Previous)
{
    /// <summary>The resourceVersion of the change.</summary>
    public long ResourceVersion => Item.ResourceVersion;
}
