using System.Collections.Concurrent;
using LlmOperator.Kubernetes.Access;

namespace LlmOperator.Kubernetes.Tests.Fixtures;

/// <summary>What test reconcilers saw, shared with the test through DI.</summary>
public sealed class ReconcileLog
{
    private readonly ConcurrentQueue<ReconcileCall> _calls = new();
    private int _inFlight;
    private int _maxInFlight;

    public IReadOnlyList<ReconcileCall> Calls => [.. _calls];

    public int MaxInFlight => Volatile.Read(ref _maxInFlight);

    public int Count(string name) => _calls.Count(c => c.Key.Name == name);

    public IDisposable Enter(ObjectKey key, long? generation, DateTimeOffset time)
    {
        _calls.Enqueue(new ReconcileCall(key, generation, time));
        var now = Interlocked.Increment(ref _inFlight);
        int seen;
        while (now > (seen = Volatile.Read(ref _maxInFlight)) && Interlocked.CompareExchange(ref _maxInFlight, now, seen) != seen)
        {
        }

        return new Exit(this);
    }

    private sealed class Exit(ReconcileLog log) : IDisposable
    {
        public void Dispose() => Interlocked.Decrement(ref log._inFlight);
    }
}

public sealed record ReconcileCall(ObjectKey Key, long? Generation, DateTimeOffset Time);
