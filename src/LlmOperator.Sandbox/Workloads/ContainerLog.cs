namespace LlmOperator.Sandbox.Workloads;

/// <summary>
/// What one container wrote, per run: the current run's lines with their times, the previous run's (for
/// kubectl logs --previous), and whether the current run has ended (which ends kubectl logs -f).
/// </summary>
internal sealed class ContainerLog
{
    private const int MaxChars = 1024 * 1024;
    private readonly Lock _gate = new();
    private List<LogLine>? _current;
    private List<LogLine>? _previous;
    private int _chars;
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Whether the current run has ended (or the pod is gone).</summary>
    public bool Ended { get; private set; }

    /// <summary>A new run starts: the current lines become the previous run's.</summary>
    public void Start()
    {
        lock (_gate)
        {
            _previous = _current;
            _current = [];
            _chars = 0;
            Ended = false;
        }
    }

    /// <summary>Appends a line, dropping the oldest once the run holds more than 1 MiB.</summary>
    public void Append(string line, DateTimeOffset time)
    {
        lock (_gate)
        {
            _current ??= [];
            _current.Add(new LogLine(time, line));
            _chars += line.Length + 1;
            while (_chars > MaxChars && _current.Count > 1)
            {
                _chars -= _current[0].Text.Length + 1;
                _current.RemoveAt(0);
            }
        }

        Signal();
    }

    /// <summary>The current run ended.</summary>
    public void End()
    {
        lock (_gate)
        {
            Ended = true;
        }

        Signal();
    }

    /// <summary>The lines of the current run from position <paramref name="from"/> on, or of the previous run; null when that run never started.</summary>
    public IReadOnlyList<LogLine>? Lines(bool previous, int from = 0)
    {
        lock (_gate)
        {
            var lines = previous ? _previous : _current;
            return lines is null ? null : lines.Skip(from).ToList();
        }
    }

    /// <summary>Completes when a line is appended or the run ends.</summary>
    public Task ChangedAsync(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return _changed.Task.WaitAsync(cancellationToken);
        }
    }

    private void Signal()
    {
        TaskCompletionSource changed;
        lock (_gate)
        {
            changed = _changed;
            _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        changed.TrySetResult();
    }
}
