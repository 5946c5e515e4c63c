namespace LlmOperator.Testing.ArgoCd;

/// <summary>One action a discovery script offers, as Argo CD reads it, with the parameters it asks for (none for most).</summary>
public sealed record DiscoveredAction(string Name, bool Disabled, string? DisplayName, string? IconClass, IReadOnlyList<ActionParam> Params);
