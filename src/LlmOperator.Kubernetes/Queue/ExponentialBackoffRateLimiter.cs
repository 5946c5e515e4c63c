using System.Collections.Concurrent;

namespace LlmOperator.Kubernetes.Queue;

/// <summary>Per-key exponential backoff: base × 2^failures, capped (controller-runtime: 5 ms up to 1000 s, about 16 minutes).</summary>
internal sealed class ExponentialBackoffRateLimiter<TKey> : IRateLimiter<TKey>
    where TKey : notnull
{
    private readonly ConcurrentDictionary<TKey, int> _failures = new();
    private readonly TimeSpan _baseDelay;
    private readonly TimeSpan _maxDelay;

    /// <summary>Creates the limiter with the first delay and the longest one.</summary>
    public ExponentialBackoffRateLimiter(TimeSpan baseDelay, TimeSpan maxDelay)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(baseDelay, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxDelay, baseDelay);
        _baseDelay = baseDelay;
        _maxDelay = maxDelay;
    }

    /// <inheritdoc />
    public TimeSpan DelayFor(TKey key)
    {
        var failures = _failures.AddOrUpdate(key, 1, (_, n) => n + 1) - 1;
        var delay = _baseDelay.TotalMilliseconds * Math.Pow(2, Math.Min(failures, 62));
        return delay >= _maxDelay.TotalMilliseconds ? _maxDelay : TimeSpan.FromMilliseconds(delay);
    }

    /// <inheritdoc />
    public void Forget(TKey key) => _failures.TryRemove(key, out _);

    /// <inheritdoc />
    public int Failures(TKey key) => _failures.TryGetValue(key, out var n) ? n : 0;
}
