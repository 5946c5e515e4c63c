namespace LlmOperator.Testing.ArgoCd;

/// <summary>
/// A parameter a discovery script declares for an action (Argo CD 3.1 and later ask for it before running the
/// action): its name and the value offered by default, if any.
/// </summary>
public sealed record ActionParam(string Name, string? Default);
