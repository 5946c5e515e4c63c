using LlmOperator.Evaluation.Client;

namespace LlmOperator.Evaluation.Live;

/// <summary>
/// execution.load: starts one request every 1/rate seconds, going round the cases, whatever the answers
/// take (an open loop, as users arrive), and skips a request that is due while the most allowed are still in
/// flight rather than queueing it. It runs until it is stopped; requests still in flight are then abandoned.
/// </summary>
internal sealed class LoadReplay(TimeProvider time)
{
    /// <summary>Sends the load until <paramref name="cancellationToken"/> is cancelled.</summary>
    public async Task<LoadSummary> RunAsync(LoadTarget load, IReadOnlyList<LoadCase> cases, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(load);
        ArgumentNullException.ThrowIfNull(cases);
        int sent = 0, failed = 0, skipped = 0, inFlight = 0;
        var requests = new List<Task>();
        if (cases.Count == 0)
        {
            return new LoadSummary(0, 0, 0);
        }

        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1 / load.Settings.Rate), time);
        try
        {
            do
            {
                if (Volatile.Read(ref inFlight) >= load.Settings.MaxInFlight)
                {
                    skipped++;
                    continue;
                }

                var next = cases[sent % cases.Count];
                sent++;
                if (sent % cases.Count == 0)
                {
                    requests.RemoveAll(r => r.IsCompleted);
                }

                Interlocked.Increment(ref inFlight);
                requests.Add(Task.Run(
                    async () =>
                    {
                        try
                        {
                            await load.Target.AnswerAsync(next.Prompt, next.Vars, cancellationToken).ConfigureAwait(false);
                        }
                        catch (ModelCallException)
                        {
                            Interlocked.Increment(ref failed);
                        }
                        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
                        {
                            // Abandoned when the load stopped: neither answered nor failed.
                        }
                        finally
                        {
                            Interlocked.Decrement(ref inFlight);
                        }
                    },
                    CancellationToken.None));
            }
            while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false));
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }

        await Task.WhenAll(requests).ConfigureAwait(false);
        return new LoadSummary(sent, Volatile.Read(ref failed), skipped);
    }
}
