namespace LlmOperator.Api.Markers;

/// <summary>The short names a kind answers to in <c>kubectl get</c>.</summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class ShortNamesAttribute(params string[] names) : Attribute
{
    /// <summary>The short names, most common first.</summary>
    public IReadOnlyList<string> Names { get; } = names;
}
