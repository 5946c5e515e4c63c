namespace LlmOperator.Evaluation.Client;

/// <summary>How a client calls its endpoint.</summary>
/// <param name="RequestTimeout">The timeout of one request, including reading its answer.</param>
/// <param name="Retry">When to retry.</param>
/// <param name="MaxConcurrency">Requests in flight at once.</param>
/// <param name="Stream">Whether chat completions are streamed (for time to first token).</param>
public sealed record ClientSettings(TimeSpan RequestTimeout, RetryPolicy Retry, int MaxConcurrency, bool Stream = true);
