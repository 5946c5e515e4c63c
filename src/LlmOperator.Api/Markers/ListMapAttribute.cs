namespace LlmOperator.Api.Markers;

/// <summary>
/// Marks a list as a map keyed by the given fields (<c>x-kubernetes-list-type: map</c>): keys must be
/// unique, and server-side apply merges items by key instead of replacing the list.
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class ListMapAttribute(params string[] keys) : Attribute
{
    /// <summary>The fields that identify an item.</summary>
    public IReadOnlyList<string> Keys { get; } = keys;
}
