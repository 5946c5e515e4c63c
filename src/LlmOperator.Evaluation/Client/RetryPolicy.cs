using System.Net;

namespace LlmOperator.Evaluation.Client;

/// <summary>
/// When and how long to wait before retrying a request: on 408, 429, 5xx and network errors, with
/// exponential backoff and jitter, and never sooner than the server's Retry-After.
/// </summary>
/// <param name="MaxRetries">Retries after the first request.</param>
/// <param name="BaseDelay">The backoff before the first retry; it doubles for each next one.</param>
/// <param name="MaxDelay">The longest backoff.</param>
/// <param name="MaxRetryAfter">The longest Retry-After honoured; a server asking for more is not retried.</param>
public sealed record RetryPolicy(int MaxRetries, TimeSpan BaseDelay, TimeSpan MaxDelay, TimeSpan MaxRetryAfter)
{
    /// <summary>The defaults: 3 retries, 0.5 s doubling up to 20 s, Retry-After up to 60 s.</summary>
    public static RetryPolicy Default { get; } = new(3, TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(20), TimeSpan.FromSeconds(60));

    /// <summary>Whether an HTTP status is worth retrying.</summary>
    public static bool IsRetryable(HttpStatusCode status) =>
        status is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests || (int)status >= 500;

    /// <summary>
    /// The wait before retry number <paramref name="retry"/> (from 1): half the doubled backoff plus a
    /// random half (<paramref name="jitter"/> in [0, 1)), and at least <paramref name="retryAfter"/>.
    /// Null when the retries are used up or the server asks for a longer wait than <see cref="MaxRetryAfter"/>.
    /// </summary>
    public TimeSpan? DelayBeforeRetry(int retry, TimeSpan? retryAfter, double jitter)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(retry, 1);
        if (retry > MaxRetries || retryAfter > MaxRetryAfter)
        {
            return null;
        }

        var doubled = BaseDelay.TotalMilliseconds * Math.Pow(2, retry - 1);
        var backoff = Math.Min(doubled, MaxDelay.TotalMilliseconds);
        var jittered = TimeSpan.FromMilliseconds((backoff / 2) + (backoff / 2 * jitter));
        return retryAfter is { } wait && wait > jittered ? wait : jittered;
    }

    /// <summary>A Retry-After header as a wait from now: seconds or an HTTP date; null when absent or unreadable.</summary>
    public static TimeSpan? ParseRetryAfter(System.Net.Http.Headers.RetryConditionHeaderValue? header, DateTimeOffset now) => header switch
    {
        { Delta: { } delta } => delta < TimeSpan.Zero ? TimeSpan.Zero : delta,
        { Date: { } date } => date > now ? date - now : TimeSpan.Zero,
        _ => null,
    };
}
