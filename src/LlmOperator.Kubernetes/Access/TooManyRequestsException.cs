namespace LlmOperator.Kubernetes.Access;

/// <summary>The server is throttling the client (429): back off, honouring Retry-After.</summary>
internal sealed class TooManyRequestsException : KubernetesApiException
{
    /// <summary>Creates the exception with no details.</summary>
    public TooManyRequestsException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public TooManyRequestsException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and the exception that carried the answer.</summary>
    public TooManyRequestsException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
