namespace LlmOperator.Sandbox.Workloads;

/// <summary>A Service the proxy cannot reach: no such port, or no ready pod behind it.</summary>
internal sealed class ServiceUnavailableException(string message) : Exception(message);
