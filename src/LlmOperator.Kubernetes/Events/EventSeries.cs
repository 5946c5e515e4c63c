namespace LlmOperator.Kubernetes.Events;

/// <summary>An Event written before, and how many times it has happened.</summary>
/// <param name="Namespace">The Event's namespace.</param>
/// <param name="Name">The Event's name.</param>
/// <param name="Count">How many times it happened, this time included.</param>
/// <param name="FirstTimestamp">When it first happened.</param>
internal sealed record EventSeries(string Namespace, string Name, int Count, DateTimeOffset FirstTimestamp);
