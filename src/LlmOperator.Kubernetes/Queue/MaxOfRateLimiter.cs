namespace LlmOperator.Kubernetes.Queue;

/// <summary>Combines limiters by taking the longest delay any of them asks for.</summary>
internal sealed class MaxOfRateLimiter<TKey> : IRateLimiter<TKey>
    where TKey : notnull
{
    private readonly IReadOnlyList<IRateLimiter<TKey>> _limiters;

    /// <summary>Creates the combination.</summary>
    public MaxOfRateLimiter(params IRateLimiter<TKey>[] limiters)
    {
        ArgumentNullException.ThrowIfNull(limiters);
        ArgumentOutOfRangeException.ThrowIfZero(limiters.Length);
        _limiters = limiters;
    }

    /// <inheritdoc />
    public TimeSpan DelayFor(TKey key) => _limiters.Select(l => l.DelayFor(key)).Max();

    /// <inheritdoc />
    public void Forget(TKey key)
    {
        foreach (var limiter in _limiters)
        {
            limiter.Forget(key);
        }
    }

    /// <inheritdoc />
    public int Failures(TKey key) => _limiters.Max(l => l.Failures(key));
}
