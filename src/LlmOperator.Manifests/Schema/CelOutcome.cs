namespace LlmOperator.Manifests.Schema;

/// <summary>The result of evaluating one CEL rule.</summary>
public sealed record CelOutcome
{
    private CelOutcome(bool holds, string? error)
    {
        IsHeld = holds;
        Error = error;
    }

    /// <summary>The rule holds.</summary>
    public static CelOutcome Holds { get; } = new(true, null);

    /// <summary>The rule evaluated to false.</summary>
    public static CelOutcome Fails { get; } = new(false, null);

    /// <summary>Whether the rule holds.</summary>
    public bool IsHeld { get; }

    /// <summary>Why the rule could not be evaluated at all, if it could not.</summary>
    public string? Error { get; }

    /// <summary>The rule could not be compiled or evaluated.</summary>
    public static CelOutcome Broken(string error) => new(false, error);
}
