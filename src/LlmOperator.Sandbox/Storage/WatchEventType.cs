namespace LlmOperator.Sandbox.Storage;

/// <summary>The type of a watch event, as it appears on the wire.</summary>
public enum WatchEventType
{
    /// <summary>ADDED.</summary>
    Added,

    /// <summary>MODIFIED.</summary>
    Modified,

    /// <summary>DELETED.</summary>
    Deleted,
}
