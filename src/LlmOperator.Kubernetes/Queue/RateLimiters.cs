namespace LlmOperator.Kubernetes.Queue;

/// <summary>Rate limiters as controllers use them.</summary>
internal static class RateLimiters
{
    /// <summary>
    /// controller-runtime's default: per-key backoff from 5 ms doubling up to 1000 s (about 16
    /// minutes), and an overall bucket of 10 retries per second with bursts of 100.
    /// </summary>
    public static IRateLimiter<TKey> Default<TKey>(TimeProvider time)
        where TKey : notnull => new MaxOfRateLimiter<TKey>(
            new ExponentialBackoffRateLimiter<TKey>(TimeSpan.FromMilliseconds(5), TimeSpan.FromSeconds(1000)),
            new TokenBucketRateLimiter<TKey>(10, 100, time));
}
