namespace LlmOperator.Kubernetes.Reconciling;

/// <summary>Thrown by a reconciler for a failure that retrying cannot fix; the key is not retried.</summary>
public sealed class TerminalReconcileException : Exception
{
    /// <summary>Creates the exception with no details.</summary>
    public TerminalReconcileException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public TerminalReconcileException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and its cause.</summary>
    public TerminalReconcileException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
