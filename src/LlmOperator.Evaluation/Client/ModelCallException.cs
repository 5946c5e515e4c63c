using System.Net;

namespace LlmOperator.Evaluation.Client;

/// <summary>A model call that failed after its retries, with why.</summary>
public sealed class ModelCallException(string message, int attempts, HttpStatusCode? status = null, Exception? inner = null, ModelError? error = null)
    : Exception(message, inner)
{
    /// <summary>The engine's error, when it answered one.</summary>
    public ModelError? Error { get; } = error;

    /// <summary>Requests sent, 1 plus retries.</summary>
    public int Attempts { get; } = attempts;

    /// <summary>The HTTP status of the last answer, if there was one.</summary>
    public HttpStatusCode? Status { get; } = status;
}
