namespace LlmOperator.Sandbox.Server;

/// <summary>How a delete is carried out.</summary>
public sealed record DeleteOptions
{
    /// <summary>The default options.</summary>
    public static DeleteOptions Default { get; } = new();

    /// <summary>What happens to dependents; null takes the kind's default.</summary>
    public DeletePropagation? Propagation { get; init; }

    /// <summary>Delete only if the object still has this uid.</summary>
    public string? PreconditionUid { get; init; }

    /// <summary>Delete only if the object is still at this resourceVersion.</summary>
    public long? PreconditionResourceVersion { get; init; }

    /// <summary>Check and answer as if deleted, but change nothing.</summary>
    public bool DryRun { get; init; }
}
