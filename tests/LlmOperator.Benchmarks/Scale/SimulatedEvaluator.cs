using System.Collections.Concurrent;
using k8s;
using k8s.Models;
using LlmOperator.Api.V1Alpha1;
using LlmOperator.Kubernetes.Access;

namespace LlmOperator.Benchmarks.Scale;

/// <summary>
/// Stands in for what the evaluation Jobs report: once an EvaluationRun records an attempt (its Job is
/// made next), it writes that attempt's Passed outcome in the run's results ConfigMap, as llmop eval
/// would; the sandbox runs the simulated Job for the evaluation's length, and the operator reads the
/// outcome when the Job ends. Two hundred real llmop eval processes do not fit a two-core machine; this
/// keeps the figures the operator's. It counts the evaluations in flight (attempt made, no verdict yet)
/// and their peak.
/// </summary>
internal sealed class SimulatedEvaluator : IAsyncDisposable
{
    private readonly ResourceClient<EvaluationRun> _runs;
    private readonly ResourceClient<V1ConfigMap> _configMaps;
    private readonly ConcurrentDictionary<string, byte> _started = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, byte> _inFlight = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _watching;
    private readonly List<Task> _reports = [];
    private int _peak;

    public SimulatedEvaluator(ResourceClient<EvaluationRun> runs, ResourceClient<V1ConfigMap> configMaps, string ns)
    {
        _runs = runs;
        _configMaps = configMaps;
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
        Task[] reports;
        lock (_reports)
        {
            reports = [.. _reports];
        }

        await Task.WhenAll(reports).ContinueWith(_ => { }, TaskScheduler.Default);
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
                    Observe(type, run, cancellationToken);
                }
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private void Observe(WatchEventType type, EvaluationRun run, CancellationToken cancellationToken)
    {
        if (type is not (WatchEventType.Added or WatchEventType.Modified) || run.Status is not { JobName: { } job, Attempts: { } attempt } status)
        {
            return;
        }

        if (status.Phase is EvaluationPhase.Pending or EvaluationPhase.Running && _started.TryAdd(job, 0))
        {
            _inFlight.TryAdd(job, 0);
            var now = _inFlight.Count;
            int peak;
            do
            {
                peak = Volatile.Read(ref _peak);
            }
            while (now > peak && Interlocked.CompareExchange(ref _peak, now, peak) != peak);

            lock (_reports)
            {
                _reports.Add(ReportAsync(run, attempt, cancellationToken));
            }
        }
        else if (status.Phase is not (EvaluationPhase.Pending or EvaluationPhase.Running))
        {
            _inFlight.TryRemove(job, out _);
        }
    }

    private async Task ReportAsync(EvaluationRun run, int attempt, CancellationToken cancellationToken)
    {
        var now = DateTime.UtcNow;
        var outcome = new EvaluationOutcome
        {
            Attempt = attempt,
            Phase = EvaluationPhase.Passed,
            Verdict = "Passed: pass rate 1.00 is at least minPassRate 0.80",
            Summary = new EvaluationSummary { Cases = 1, Passed = 1, PassRate = 1.0 },
            StartedAt = now,
            CompletedAt = now,
        };
        var configMap = new V1ConfigMap
        {
            ApiVersion = "v1",
            Kind = "ConfigMap",
            Metadata = new V1ObjectMeta
            {
                Name = RunResults.ConfigMapName(run.Metadata.Name),
                NamespaceProperty = run.Metadata.NamespaceProperty,
                OwnerReferences =
                [
                    new V1OwnerReference
                    {
                        ApiVersion = run.ApiVersion,
                        Kind = run.Kind,
                        Name = run.Metadata.Name,
                        Uid = run.Metadata.Uid,
                        Controller = true,
                    },
                ],
            },
            Data = new Dictionary<string, string> { [RunResults.OutcomeKey] = KubernetesJson.Serialize(outcome) },
        };
        if (!await _configMaps.CreateIfMissingAsync(configMap, cancellationToken)
            && await _configMaps.GetAsync(ObjectKey.Of(configMap), cancellationToken) is { } earlier)
        {
            // A retried attempt: the earlier one's report is there.
            await _configMaps.UpdateAsync(earlier, c => c.Data = configMap.Data, cancellationToken);
        }
    }
}
