namespace LlmOperator.Sandbox.Storage;

/// <summary>Why the store refused an operation.</summary>
internal enum StoreFailure
{
    /// <summary>The object does not exist.</summary>
    NotFound,

    /// <summary>An object with that name exists already.</summary>
    AlreadyExists,

    /// <summary>The object changed since the version the caller read.</summary>
    Conflict,

    /// <summary>The asked resourceVersion is older than the history the store keeps.</summary>
    Gone,
}

/// <summary>A refusal by the store; the API layer turns it into the matching Status.</summary>
internal sealed class StoreException(StoreFailure failure, string message) : Exception(message)
{
    /// <summary>Why the operation was refused.</summary>
    public StoreFailure Failure { get; } = failure;
}
