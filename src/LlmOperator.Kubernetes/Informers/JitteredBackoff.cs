namespace LlmOperator.Kubernetes.Informers;

/// <summary>
/// Exponential backoff with jitter for a loop that keeps failing: each delay doubles up to a cap, and a
/// random share is added so that many clients do not retry in step. A success resets it.
/// </summary>
internal sealed class JitteredBackoff
{
    private readonly TimeSpan _initial;
    private readonly TimeSpan _max;
    private readonly double _jitter;
    private readonly Random _random;
    private int _failures;

    /// <summary>
    /// Creates the backoff: <paramref name="initial"/> doubling up to <paramref name="max"/>, plus up to <paramref name="jitter"/>
    /// of it at random.
    /// </summary>
    public JitteredBackoff(TimeSpan initial, TimeSpan max, double jitter = 0.5, Random? random = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(initial, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(max, initial);
        ArgumentOutOfRangeException.ThrowIfNegative(jitter);
        _initial = initial;
        _max = max;
        _jitter = jitter;
        _random = random ?? Random.Shared;
    }

    /// <summary>The next delay (one more failure).</summary>
    public TimeSpan Next()
    {
        var baseMs = Math.Min(_max.TotalMilliseconds, _initial.TotalMilliseconds * Math.Pow(2, Math.Min(_failures, 62)));
        _failures++;
        return TimeSpan.FromMilliseconds(baseMs * (1 + (_jitter * _random.NextDouble())));
    }

    /// <summary>Starts again from the initial delay.</summary>
    public void Reset() => _failures = 0;
}
