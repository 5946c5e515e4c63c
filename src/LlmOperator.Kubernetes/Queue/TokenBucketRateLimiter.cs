namespace LlmOperator.Kubernetes.Queue;

/// <summary>
/// An overall token bucket shared by every key (controller-runtime: 10 per second, bursts of 100):
/// each retry reserves a token, and once the bucket is empty retries are spaced at the refill rate.
/// </summary>
internal sealed class TokenBucketRateLimiter<TKey> : IRateLimiter<TKey>
{
    private readonly Lock _gate = new();
    private readonly double _perSecond;
    private readonly int _burst;
    private readonly TimeProvider _time;
    private double _tokens;
    private DateTimeOffset _last;

    /// <summary>Creates a full bucket of <paramref name="burst"/> tokens refilled at <paramref name="perSecond"/>.</summary>
    public TokenBucketRateLimiter(double perSecond, int burst, TimeProvider time)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(perSecond, 0);
        ArgumentOutOfRangeException.ThrowIfLessThan(burst, 1);
        ArgumentNullException.ThrowIfNull(time);
        _perSecond = perSecond;
        _burst = burst;
        _time = time;
        _tokens = burst;
        _last = time.GetUtcNow();
    }

    /// <inheritdoc />
    public TimeSpan DelayFor(TKey key)
    {
        lock (_gate)
        {
            var now = _time.GetUtcNow();
            _tokens = Math.Min(_burst, _tokens + ((now - _last).TotalSeconds * _perSecond));
            _last = now;
            _tokens -= 1;
            return _tokens >= 0 ? TimeSpan.Zero : TimeSpan.FromSeconds(-_tokens / _perSecond);
        }
    }

    /// <inheritdoc />
    public void Forget(TKey key)
    {
        // A bucket is shared by every key: there is nothing per key to forget.
    }

    /// <inheritdoc />
    public int Failures(TKey key) => 0;
}
