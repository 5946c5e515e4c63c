namespace LlmOperator.Testing.ArgoCd;

/// <summary>What a health script returned: an Argo CD health status and its message.</summary>
public sealed record HealthResult(string? Status, string? Message);
