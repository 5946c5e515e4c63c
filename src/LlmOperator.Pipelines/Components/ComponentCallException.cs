namespace LlmOperator.Pipelines.Components;

/// <summary>A component call that failed in a way a fallback may answer: an error status, a refused connection.</summary>
public sealed class ComponentCallException(string message, Exception? inner = null) : Exception(message, inner);
