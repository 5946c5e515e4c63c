namespace LlmOperator.Kubernetes.Access;

/// <summary>The objects a LIST returned and the resourceVersion to watch from.</summary>
/// <param name="Items">The objects.</param>
/// <param name="ResourceVersion">The list's resourceVersion: a watch from it misses nothing.</param>
public sealed record ResourceList<T>(IReadOnlyList<T> Items, string ResourceVersion);
