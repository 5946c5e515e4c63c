namespace LlmOperator.Sandbox.Storage;

/// <summary>One page of a list.</summary>
/// <param name="Items">The objects, in key order.</param>
/// <param name="ResourceVersion">The store's resourceVersion when the list was taken; a watch from it misses nothing.</param>
/// <param name="Continue">The token for the next page, or null on the last page.</param>
/// <param name="RemainingItemCount">How many matching objects follow this page.</param>
public sealed record ListPage(IReadOnlyList<StoredObject> Items, long ResourceVersion, string? Continue, long? RemainingItemCount);
