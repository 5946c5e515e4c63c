namespace LlmOperator.Sandbox.Api;

/// <summary>The most recent requests (bounded) and a count of all, so tests can assert what a client did.</summary>
public sealed class RequestLog(int capacity = 100_000)
{
    private readonly Lock _gate = new();
    private readonly Queue<RequestRecord> _records = new();
    private long _total;

    /// <summary>Every request answered since the sandbox started.</summary>
    public long Total => Interlocked.Read(ref _total);

    /// <summary>Records a request.</summary>
    public void Add(RequestRecord record)
    {
        Interlocked.Increment(ref _total);
        lock (_gate)
        {
            _records.Enqueue(record);
            if (_records.Count > capacity)
            {
                _records.Dequeue();
            }
        }
    }

    /// <summary>The recorded requests, oldest first.</summary>
    public IReadOnlyList<RequestRecord> Snapshot()
    {
        lock (_gate)
        {
            return [.. _records];
        }
    }

    /// <summary>Forgets the recorded requests (the total keeps counting).</summary>
    public void Clear()
    {
        lock (_gate)
        {
            _records.Clear();
        }
    }
}
