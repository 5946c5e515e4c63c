namespace LlmOperator.Sandbox.Server;

/// <summary>Finalizers the API server itself uses.</summary>
internal static class Finalizers
{
    /// <summary>Holds an owner until the garbage collector has deleted its dependents.</summary>
    public const string Foreground = "foregroundDeletion";
}
