namespace LlmOperator.Kubernetes.Access;

/// <summary>The object was refused as invalid (422) or the request was malformed (400): retrying does not help.</summary>
internal sealed class InvalidException : KubernetesApiException
{
    /// <summary>Creates the exception with no details.</summary>
    public InvalidException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public InvalidException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and the exception that carried the answer.</summary>
    public InvalidException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
