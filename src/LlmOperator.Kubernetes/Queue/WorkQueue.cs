using System.Diagnostics.CodeAnalysis;
using LlmOperator.Kubernetes.Telemetry;

namespace LlmOperator.Kubernetes.Queue;

/// <summary>
/// A rate-limited work queue with controller-runtime's semantics: a key is never handed to two workers
/// at once; adding a key that is queued collapses into it, and adding one that is being processed
/// queues it again once <see cref="Done"/> is called; delayed adds keep the earliest time; failures
/// back off per key until <see cref="Forget"/>.
/// </summary>
[SuppressMessage("Naming", "CA1711", Justification = "A work queue is what client-go and controller-runtime call it.")]
internal sealed class WorkQueue<TKey> : IDisposable
    where TKey : notnull
{
    private readonly Lock _gate = new();
    private readonly Queue<TKey> _ready = new();
    private readonly HashSet<TKey> _dirty = [];
    private readonly HashSet<TKey> _processing = [];
    private readonly Dictionary<TKey, long> _queuedAt = [];
    private readonly Dictionary<TKey, DateTimeOffset> _waiting = [];
    private readonly PriorityQueue<TKey, DateTimeOffset> _byReadyTime = new();
    private readonly Queue<TaskCompletionSource<WorkItem<TKey>>> _getters = new();
    private readonly IRateLimiter<TKey> _limiter;
    private readonly TimeProvider _time;
    private readonly ITimer _timer;
    private readonly OperatorMetrics? _metrics;
    private readonly KeyValuePair<string, object?> _nameTag;
    private DateTimeOffset? _timerDue;
    private bool _shuttingDown;

    /// <summary>Creates a queue named <paramref name="name"/> (for metrics) with a rate limiter and a clock.</summary>
    public WorkQueue(string name, IRateLimiter<TKey> limiter, TimeProvider time, OperatorMetrics? metrics = null)
    {
        ArgumentNullException.ThrowIfNull(limiter);
        ArgumentNullException.ThrowIfNull(time);
        _limiter = limiter;
        _time = time;
        _metrics = metrics;
        _nameTag = new("name", name);
        _timer = time.CreateTimer(_ => PromoteDueKeys(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
    }

    /// <summary>How many keys are ready and waiting for a worker.</summary>
    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _ready.Count;
            }
        }
    }

    /// <summary>How many keys wait for a delay to pass.</summary>
    public int DelayedCount
    {
        get
        {
            lock (_gate)
            {
                return _waiting.Count;
            }
        }
    }

    /// <summary>Whether <see cref="ShutDown"/> was called.</summary>
    public bool IsShuttingDown
    {
        get
        {
            lock (_gate)
            {
                return _shuttingDown;
            }
        }
    }

    /// <summary>Queues a key now (collapsing into a queued one; after <see cref="Done"/> when in flight).</summary>
    public void Add(TKey key)
    {
        lock (_gate)
        {
            AddLocked(key);
        }
    }

    /// <summary>Queues a key after a delay; when it already waits, the earlier of the two times wins.</summary>
    public void AddAfter(TKey key, TimeSpan delay)
    {
        if (delay <= TimeSpan.Zero)
        {
            Add(key);
            return;
        }

        lock (_gate)
        {
            if (_shuttingDown)
            {
                return;
            }

            var readyAt = _time.GetUtcNow() + delay;
            if (_waiting.TryGetValue(key, out var existing) && existing <= readyAt)
            {
                return;
            }

            _waiting[key] = readyAt;
            _byReadyTime.Enqueue(key, readyAt);
            ArmTimerLocked();
        }
    }

    /// <summary>
    /// Queues a key after its rate-limited delay (one more failure of it), or after
    /// <paramref name="atLeast"/> when that is longer (a server's Retry-After).
    /// </summary>
    public void AddRateLimited(TKey key, TimeSpan atLeast = default)
    {
        _metrics?.QueueRetries.Add(1, _nameTag);
        var delay = _limiter.DelayFor(key);
        AddAfter(key, delay > atLeast ? delay : atLeast);
    }

    /// <summary>Forgets a key's failures, so that its next failure starts from the shortest backoff.</summary>
    public void Forget(TKey key) => _limiter.Forget(key);

    /// <summary>How many times in a row the key has failed.</summary>
    public int Failures(TKey key) => _limiter.Failures(key);

    /// <summary>
    /// Waits for a key and marks it in flight; the caller must call <see cref="Done"/> with it. Returns
    /// a shut-down item once the queue shuts down: queued keys are not handed out then.
    /// </summary>
    public Task<WorkItem<TKey>> GetAsync(CancellationToken cancellationToken)
    {
        TaskCompletionSource<WorkItem<TKey>> getter;
        lock (_gate)
        {
            if (_shuttingDown)
            {
                return Task.FromResult(default(WorkItem<TKey>));
            }

            if (_ready.TryDequeue(out var key))
            {
                _metrics?.QueueDepth.Add(-1, _nameTag);
                return Task.FromResult(StartLocked(key));
            }

            getter = new TaskCompletionSource<WorkItem<TKey>>(TaskCreationOptions.RunContinuationsAsynchronously);
            _getters.Enqueue(getter);
        }

        if (cancellationToken.CanBeCanceled)
        {
            var registration = cancellationToken.Register(() => getter.TrySetCanceled(cancellationToken));
            _ = getter.Task.ContinueWith(
                _ => registration.Dispose(), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        }

        return getter.Task;
    }

    /// <summary>Marks a key's processing finished; if it was added meanwhile, it is queued again.</summary>
    public void Done(TKey key)
    {
        lock (_gate)
        {
            _processing.Remove(key);
            if (_dirty.Contains(key) && !_shuttingDown)
            {
                EnqueueLocked(key);
            }
        }
    }

    /// <summary>Stops handing out keys: waiting and later <see cref="GetAsync"/> calls return a shut-down item.</summary>
    public void ShutDown()
    {
        lock (_gate)
        {
            _shuttingDown = true;
            while (_getters.TryDequeue(out var getter))
            {
                getter.TrySetResult(default(WorkItem<TKey>));
            }

            _timer.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
            _metrics?.QueueDepth.Add(-_ready.Count, _nameTag);
            _ready.Clear();
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        ShutDown();
        _timer.Dispose();
    }

    private void AddLocked(TKey key)
    {
        if (_shuttingDown || !_dirty.Add(key))
        {
            return;
        }

        _queuedAt[key] = _time.GetTimestamp();
        if (!_processing.Contains(key))
        {
            EnqueueLocked(key);
        }
    }

    private void EnqueueLocked(TKey key)
    {
        while (_getters.TryDequeue(out var getter))
        {
            var item = StartLocked(key);
            if (getter.TrySetResult(item))
            {
                return;
            }

            // That getter was cancelled: undo and offer the key to the next one.
            _processing.Remove(key);
            _dirty.Add(key);
        }

        _ready.Enqueue(key);
        _metrics?.QueueDepth.Add(1, _nameTag);
    }

    private WorkItem<TKey> StartLocked(TKey key)
    {
        _dirty.Remove(key);
        _processing.Add(key);
        if (_queuedAt.Remove(key, out var queuedAt))
        {
            _metrics?.QueueLatency.Record(_time.GetElapsedTime(queuedAt).TotalSeconds, _nameTag);
        }

        return new WorkItem<TKey>(key);
    }

    private void PromoteDueKeys()
    {
        lock (_gate)
        {
            _timerDue = null;
            var now = _time.GetUtcNow();
            while (_byReadyTime.TryPeek(out var key, out var readyAt) && readyAt <= now)
            {
                _byReadyTime.Dequeue();
                if (_waiting.TryGetValue(key, out var current) && current == readyAt)
                {
                    _waiting.Remove(key);
                    AddLocked(key);
                }
            }

            ArmTimerLocked();
        }
    }

    private void ArmTimerLocked()
    {
        // Entries whose time was replaced by an earlier one are skipped lazily when they come up.
        while (_byReadyTime.TryPeek(out var key, out var readyAt) && (!_waiting.TryGetValue(key, out var current) || current != readyAt))
        {
            _byReadyTime.Dequeue();
        }

        if (!_byReadyTime.TryPeek(out _, out var next) || _shuttingDown)
        {
            return;
        }

        if (_timerDue is { } due && due <= next)
        {
            return;
        }

        _timerDue = next;
        var delay = next - _time.GetUtcNow();
        _timer.Change(delay > TimeSpan.Zero ? delay : TimeSpan.Zero, Timeout.InfiniteTimeSpan);
    }
}
