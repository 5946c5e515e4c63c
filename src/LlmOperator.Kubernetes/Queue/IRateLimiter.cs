namespace LlmOperator.Kubernetes.Queue;

/// <summary>Decides how long a key waits before it is processed again (client-go's workqueue.RateLimiter).</summary>
internal interface IRateLimiter<in TKey>
{
    /// <summary>The delay before the key may be processed again; counts one more failure of it.</summary>
    TimeSpan DelayFor(TKey key);

    /// <summary>Forgets the key's failures (it was processed successfully).</summary>
    void Forget(TKey key);

    /// <summary>How many times in a row the key has failed.</summary>
    int Failures(TKey key);
}
