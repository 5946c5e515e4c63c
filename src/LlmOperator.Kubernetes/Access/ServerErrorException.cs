namespace LlmOperator.Kubernetes.Access;

/// <summary>The server failed (5xx): back off and try again.</summary>
public sealed class ServerErrorException : KubernetesApiException
{
    /// <summary>Creates the exception with no details.</summary>
    public ServerErrorException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public ServerErrorException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and the exception that carried the answer.</summary>
    public ServerErrorException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
