namespace LlmOperator.Kubernetes.Access;

/// <summary>The requested resourceVersion is too old (410 Gone): list again.</summary>
public sealed class GoneException : KubernetesApiException
{
    /// <summary>Creates the exception with no details.</summary>
    public GoneException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public GoneException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and the exception that carried the answer.</summary>
    public GoneException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
