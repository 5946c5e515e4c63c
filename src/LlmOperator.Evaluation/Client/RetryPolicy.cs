using System.Globalization;
using System.Net;
using System.Net.Http.Headers;

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

    /// <summary>
    /// The wait a server asks for: OpenAI's retry-after-ms (milliseconds) when present, else Retry-After (seconds or
    /// an HTTP date); null when neither is there or readable.
    /// </summary>
    public static TimeSpan? ParseRetryAfter(HttpResponseHeaders headers, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(headers);
        if (headers.TryGetValues("retry-after-ms", out var values)
            && double.TryParse(values.FirstOrDefault(), NumberStyles.Float, CultureInfo.InvariantCulture, out var milliseconds) && milliseconds >= 0)
        {
            return TimeSpan.FromMilliseconds(milliseconds);
        }

        return headers.RetryAfter switch
        {
            { Delta: { } delta } => delta < TimeSpan.Zero ? TimeSpan.Zero : delta,
            { Date: { } date } => date > now ? date - now : TimeSpan.Zero,
            _ => null,
        };
    }
}
