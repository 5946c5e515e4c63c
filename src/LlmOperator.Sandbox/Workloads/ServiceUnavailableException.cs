namespace LlmOperator.Sandbox.Workloads;

/// <summary>A Service the proxy cannot reach: no such port, or no ready pod behind it.</summary>
public sealed class ServiceUnavailableException(string message) : Exception(message);
