namespace LlmOperator.Kubernetes.Access;

/// <summary>The object changed since it was read, or already exists (409): re-read and try again.</summary>
public sealed class ConflictException : KubernetesApiException
{
    /// <summary>Creates the exception with no details.</summary>
    public ConflictException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public ConflictException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and the exception that carried the answer.</summary>
    public ConflictException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
