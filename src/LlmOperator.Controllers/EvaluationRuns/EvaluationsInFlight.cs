using LlmOperator.Api.V1Alpha1;
using LlmOperator.Kubernetes.Informers;

namespace LlmOperator.Controllers.EvaluationRuns;

/// <summary>
/// The evaluations in flight across the operator (an attempt started, no verdict yet), for the limit on
/// how many run at once. The cache shows a started attempt only once its status write comes back through
/// the watch, so attempts this operator started and the cache does not show yet are counted too, and the
/// count and the decision are taken together: two workers never both take the last free slot.
/// </summary>
public sealed class EvaluationsInFlight(InformerCaches caches)
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, int> _started = new(StringComparer.Ordinal);

    /// <summary>
    /// Plans <paramref name="run"/> with <paramref name="plan"/>, given the number of other runs in
    /// flight, and counts the attempt the plan starts, if any, as in flight from now on.
    /// </summary>
    public RunJobPlan Admit(EvaluationRun run, Func<int, RunJobPlan> plan)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(plan);
        var runs = caches.Of<EvaluationRun>().List();
        lock (_lock)
        {
            var cached = runs.ToDictionary(r => r.Metadata.Uid, r => r.Status, StringComparer.Ordinal);
            foreach (var uid in _started.Keys.Where(uid => !cached.TryGetValue(uid, out var status) || (status?.Attempts ?? 0) >= _started[uid]).ToList())
            {
                _started.Remove(uid);
            }

            var inFlight = cached.Where(r => r.Value is { Attempts: > 0, Phase: EvaluationPhase.Pending or EvaluationPhase.Running }).Select(r => r.Key)
                .Union(_started.Keys, StringComparer.Ordinal)
                .Count(uid => uid != run.Metadata.Uid);
            var decided = plan(inFlight);
            if (decided.Status?.Attempts is { } attempt && attempt > (run.Status?.Attempts ?? 0))
            {
                _started[run.Metadata.Uid] = attempt;
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
            _started.Remove(run.Metadata.Uid);
        }
    }
}
