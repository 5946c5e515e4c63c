using System.Net;

namespace LlmOperator.Kubernetes.Access;

/// <summary>
/// The API server refused a request. Subclasses name the answers a controller acts on: not found,
/// conflict, gone, invalid, too many requests and server errors.
/// </summary>
public class KubernetesApiException : Exception
{
    /// <summary>Creates the exception with no details.</summary>
    public KubernetesApiException()
        : this("The Kubernetes API refused the request.")
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public KubernetesApiException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and the exception that carried the answer.</summary>
    public KubernetesApiException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The HTTP status the server answered with.</summary>
    public HttpStatusCode StatusCode { get; internal set; }

    /// <summary>The Status reason, for example NotFound, AlreadyExists, Conflict or Expired.</summary>
    public string? Reason { get; internal set; }

    /// <summary>How long the server asked the client to wait (Retry-After or Status details), if it did.</summary>
    public TimeSpan? RetryAfter { get; internal set; }
}
