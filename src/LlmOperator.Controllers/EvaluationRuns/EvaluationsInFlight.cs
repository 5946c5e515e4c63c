using LlmOperator.Api.V1Alpha1;
using LlmOperator.Kubernetes.Hosting;
using LlmOperator.Kubernetes.Informers;

namespace LlmOperator.Controllers.EvaluationRuns;

/// <summary>
/// The evaluations in flight across the operator (an attempt started, no outcome yet), for the limit on
/// how many run at once. It is kept by the EvaluationRun informer's events, not by scanning the cache.
/// The cache shows a started attempt only once its status write comes back through the watch, so the
/// attempts this operator started and the cache does not show yet count too; counting and deciding are
/// one step under one lock, so two workers never both take the last free slot.
/// </summary>
internal sealed class EvaluationsInFlight : ITermMemory
{
    private readonly Lock _lock = new();
    private readonly HashSet<string> _cached = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _starting = new(StringComparer.Ordinal);

    /// <summary>How many runs are in flight now, as cached or started.</summary>
    public int Count
    {
        get
        {
            lock (_lock)
            {
                return InFlight();
            }
        }
    }

    /// <inheritdoc />
    public void StartTerm(SharedInformers informers)
    {
        ArgumentNullException.ThrowIfNull(informers);
        lock (_lock)
        {
            _cached.Clear();
            _starting.Clear();
        }

        informers.Get<EvaluationRun>().Subscribe(Observe);
    }

    /// <summary>
    /// Plans <paramref name="run"/> with <paramref name="plan"/>, given the number of other runs in
    /// flight, and counts the attempt the plan starts, if any, as in flight from now on.
    /// </summary>
    public RunJobPlan Admit(EvaluationRun run, Func<int, RunJobPlan> plan)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(plan);
        var uid = run.Metadata.Uid;
        lock (_lock)
        {
            var others = InFlight() - (_cached.Contains(uid) || _starting.ContainsKey(uid) ? 1 : 0);
            var decided = plan(others);
            if (decided.Status?.Attempts is { } attempt && attempt > (run.Status?.Attempts ?? 0))
            {
                _starting[uid] = attempt;
            }

            return decided;
        }
    }

    /// <summary>Forgets an attempt whose status write did not happen (a conflict, the run deleted).</summary>
    public void Release(EvaluationRun run)
    {
        ArgumentNullException.ThrowIfNull(run);
        lock (_lock)
        {
            _starting.Remove(run.Metadata.Uid);
        }
    }

    // Under the lock: the runs the cache shows in flight, and those started that it does not show yet.
    private int InFlight() => _cached.Count + _starting.Keys.Count(uid => !_cached.Contains(uid));

    /// <summary>Follows one change the EvaluationRun informer reports (it calls this; tests do too).</summary>
    internal void Observe(CacheChange<EvaluationRun> change)
    {
        var uid = change.Current.Metadata.Uid;
        lock (_lock)
        {
            if (change.New is not { } run)
            {
                _cached.Remove(uid);
                _starting.Remove(uid);
                return;
            }

            if (run.Status is { Attempts: > 0, Phase: EvaluationPhase.Pending or EvaluationPhase.Running })
            {
                _cached.Add(uid);
            }
            else
            {
                _cached.Remove(uid);
            }

            // The cache now shows the attempt this operator started (or a later one): it counts from there.
            if (_starting.TryGetValue(uid, out var started) && (run.Status?.Attempts ?? 0) >= started)
            {
                _starting.Remove(uid);
            }
        }
    }
}
