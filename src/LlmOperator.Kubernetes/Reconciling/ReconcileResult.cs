namespace LlmOperator.Kubernetes.Reconciling;

/// <summary>
/// The result of a reconcile: <see cref="Done"/>, <see cref="RequeueAfter"/>, <see cref="Error(Exception)"/> or
/// <see cref="TerminalError(Exception)"/>.
/// </summary>
public sealed record ReconcileResult
{
    private ReconcileResult(ReconcileOutcome outcome, TimeSpan delay, Exception? exception)
    {
        Outcome = outcome;
        Delay = delay;
        Exception = exception;
    }

    /// <summary>Nothing more to do until something changes.</summary>
    public static ReconcileResult Done { get; } = new(ReconcileOutcome.Done, TimeSpan.Zero, null);

    /// <summary>
    /// Decided from an object that changed meanwhile (a write refused with 409): reconcile again shortly,
    /// from the newer object the watch brings, rather than with the backoff of an error.
    /// </summary>
    public static ReconcileResult AfterConflict { get; } = new(ReconcileOutcome.RequeueAfter, TimeSpan.FromMilliseconds(50), null);

    /// <summary>How it ended.</summary>
    public ReconcileOutcome Outcome { get; }

    /// <summary>The delay of <see cref="ReconcileOutcome.RequeueAfter"/>.</summary>
    public TimeSpan Delay { get; }

    /// <summary>The failure of <see cref="ReconcileOutcome.Error"/> and <see cref="ReconcileOutcome.TerminalError"/>.</summary>
    public Exception? Exception { get; }

    /// <summary>Reconcile again after <paramref name="delay"/>; an earlier trigger still reconciles sooner.</summary>
    public static ReconcileResult RequeueAfter(TimeSpan delay)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(delay, TimeSpan.Zero);
        return new(ReconcileOutcome.RequeueAfter, delay, null);
    }

    /// <summary>Failed: retry with backoff (at least the server's Retry-After when the failure carries one).</summary>
    public static ReconcileResult Error(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        return new(ReconcileOutcome.Error, TimeSpan.Zero, exception);
    }

    /// <summary>Failed for good: no retry until the object (or something it owns) changes.</summary>
    public static ReconcileResult TerminalError(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        return new(ReconcileOutcome.TerminalError, TimeSpan.Zero, exception);
    }
}
