using System.Collections.Concurrent;

namespace LlmOperator.Controllers.EvaluationRuns;

/// <summary>
/// When this operator first saw each evaluation Job ended, on its own clock. The grace a finished Job
/// gets for its run's verdict to arrive is measured from here, not from the Job's condition time, which
/// is the API server's clock: with the operator ten minutes behind it, a crashed evaluation waited ten
/// minutes before its retry. An operator started again sees the ending anew and waits one more grace.
/// </summary>
public sealed class JobEndings(TimeProvider time)
{
    // Long past any grace: an ending older than this is forgotten, which keeps the map as small as the Jobs in flight.
    private static readonly TimeSpan Forget = TimeSpan.FromHours(1);
    private readonly ConcurrentDictionary<string, DateTimeOffset> _seen = new(StringComparer.Ordinal);

    /// <summary>When the Job with this uid was first seen ended (now, the first time).</summary>
    public DateTimeOffset FirstSeen(string uid)
    {
        var now = time.GetUtcNow();
        var seen = _seen.GetOrAdd(uid, now);
        if (seen == now)
        {
            foreach (var old in _seen.Where(p => now - p.Value > Forget))
            {
                _seen.TryRemove(old.Key, out _);
            }
        }

        return seen;
    }
}
