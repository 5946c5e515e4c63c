namespace LlmOperator.Sandbox.Server;

/// <summary>What happens to an object's dependents when it is deleted (propagationPolicy).</summary>
public enum DeletePropagation
{
    /// <summary>Delete the owner now; the garbage collector deletes dependents afterwards.</summary>
    Background,

    /// <summary>Delete dependents first; the owner waits, terminating, until they are gone.</summary>
    Foreground,

    /// <summary>Delete the owner and leave dependents, without their owner reference.</summary>
    Orphan,
}
