using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using k8s;
using LlmOperator.Api.V1Alpha1;
using LlmOperator.Kubernetes.Access;

namespace LlmOperator.Benchmarks.Scale;

/// <summary>
/// Stands in for the evaluation Jobs: once an EvaluationRun has its Job (the operator recorded the
/// attempt), it writes a Passed verdict after a fixed evaluation time, as llmop eval would. Two hundred
/// real llmop eval processes do not fit a two-core machine; this keeps the figures the operator's.
/// It counts the evaluations in flight (Job made, no verdict yet) and their peak.
/// </summary>
internal sealed class SimulatedEvaluator : IAsyncDisposable
{
    private readonly ResourceClient<EvaluationRun> _runs;
    private readonly TimeSpan _evaluation;
    private readonly ConcurrentDictionary<string, byte> _started = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _watching;
    private readonly List<Task> _verdicts = [];
    private int _inFlight;
    private int _peak;

    public SimulatedEvaluator(ResourceClient<EvaluationRun> runs, string ns, TimeSpan evaluation)
    {
        _runs = runs;
        _evaluation = evaluation;
        _watching = Task.Run(() => WatchAsync(ns, _stop.Token));
    }

    /// <summary>The most evaluations that were in flight at once.</summary>
    public int PeakInFlight => Volatile.Read(ref _peak);

    /// <summary>How many evaluation attempts it answered (one per run unless the operator retried).</summary>
    public int Attempts => _started.Count;

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _watching;
        Task[] verdicts;
        lock (_verdicts)
        {
            verdicts = [.. _verdicts];
        }

        await Task.WhenAll(verdicts).ContinueWith(_ => { }, TaskScheduler.Default);
        _stop.Dispose();
    }

    private async Task WatchAsync(string ns, CancellationToken cancellationToken)
    {
        var resourceVersion = "0";
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                await foreach (var (type, run) in _runs.WatchAsync(ns, resourceVersion, TimeSpan.FromMinutes(30), cancellationToken))
                {
                    resourceVersion = run.Metadata.ResourceVersion;
                    if (type is WatchEventType.Added or WatchEventType.Modified
                        && run.Status is { JobName: { } job, Phase: EvaluationPhase.Pending or EvaluationPhase.Running }
                        && _started.TryAdd(job, 0))
                    {
                        lock (_verdicts)
                        {
                            _verdicts.Add(EvaluateAsync(ObjectKey.Of(run), cancellationToken));
                        }
                    }
                }
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private async Task EvaluateAsync(ObjectKey run, CancellationToken cancellationToken)
    {
        var now = Interlocked.Increment(ref _inFlight);
        int peak;
        do
        {
            peak = Volatile.Read(ref _peak);
        }
        while (now > peak && Interlocked.CompareExchange(ref _peak, now, peak) != peak);

        try
        {
            var started = DateTime.UtcNow;
            await Task.Delay(_evaluation, cancellationToken);
            await _runs.PatchStatusAsync(run, new JsonObject
            {
                ["status"] = new JsonObject
                {
                    ["phase"] = "Passed",
                    ["verdict"] = "Passed: pass rate 1.00 is at least minPassRate 0.80",
                    ["startedAt"] = started.ToString("O"),
                    ["completedAt"] = DateTime.UtcNow.ToString("O"),
                },
            }, cancellationToken);
        }
        finally
        {
            Interlocked.Decrement(ref _inFlight);
        }
    }
}
