namespace LlmOperator.Kubernetes.Reconciling;

/// <summary>How a reconcile ended.</summary>
public enum ReconcileOutcome
{
    /// <summary>The object is as it should be; nothing to do until it or something it owns changes.</summary>
    Done,

    /// <summary>Reconcile again after a delay (a pause, a poll of something not watched).</summary>
    RequeueAfter,

    /// <summary>It failed; try again with per-key exponential backoff.</summary>
    Error,

    /// <summary>It failed in a way retrying cannot fix (invalid input); wait for the object to change.</summary>
    TerminalError,
}
