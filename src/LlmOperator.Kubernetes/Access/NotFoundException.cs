namespace LlmOperator.Kubernetes.Access;

/// <summary>The object does not exist (404).</summary>
public sealed class NotFoundException : KubernetesApiException
{
    /// <summary>Creates the exception with no details.</summary>
    public NotFoundException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public NotFoundException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and the exception that carried the answer.</summary>
    public NotFoundException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
