namespace LlmOperator.Sandbox.Server;

/// <summary>How a write is carried out.</summary>
public sealed record WriteOptions
{
    /// <summary>The default options.</summary>
    public static WriteOptions Default { get; } = new();

    /// <summary>What to do with undeclared fields.</summary>
    public FieldValidation FieldValidation { get; init; } = FieldValidation.Warn;

    /// <summary>Check and answer as if written, but store nothing.</summary>
    public bool DryRun { get; init; }

    /// <summary>The writer's name for managedFields (server-side apply).</summary>
    public string? FieldManager { get; init; }

    /// <summary>Server-side apply: take over fields other managers own.</summary>
    public bool Force { get; init; }
}
