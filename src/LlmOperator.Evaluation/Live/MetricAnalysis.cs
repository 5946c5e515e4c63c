using LlmOperator.Api.V1Alpha1;
using LlmOperator.Evaluation.Live.Prometheus;

namespace LlmOperator.Evaluation.Live;

/// <summary>
/// Measures a run's metrics, each on its own schedule and all at once, while the load (if any) replays the
/// cases; the load stops when the last metric is decided. A metric still measuring when the run is stopped
/// (its timeout) ends in Error, since it was not measured.
/// </summary>
internal sealed class MetricAnalysis(PrometheusClient prometheus, TimeProvider time)
{
    /// <summary>
    /// Measures <paramref name="plan"/>; <paramref name="stoppedBy"/> says what a cancellation of <paramref name="cancellationToken"/> means.
    /// </summary>
    public async Task<LiveResults> RunAsync(LivePlan plan, IReadOnlyList<LoadCase> cases, string stoppedBy, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(plan);
        using var loadStop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var load = plan.Load is { } target ? new LoadReplay(time).RunAsync(target, cases, loadStop.Token) : null;
        var results = await Task.WhenAll(plan.Metrics.Select(m => MeasureAsync(m, stoppedBy, cancellationToken))).ConfigureAwait(false);
        await loadStop.CancelAsync().ConfigureAwait(false);
        return new LiveResults(results, load is null ? null : await load.ConfigureAwait(false));
    }

    private async Task<MetricResult> MeasureAsync(CompiledMetric metric, string stoppedBy, CancellationToken cancellationToken)
    {
        var tally = new MetricTally(metric);
        try
        {
            await Task.Delay(metric.InitialDelay, time, cancellationToken).ConfigureAwait(false);
            while (true)
            {
                var at = time.GetUtcNow();
                tally.Add(at, await MeasureOnceAsync(metric, at, cancellationToken).ConfigureAwait(false));
                if (tally.Done)
                {
                    break;
                }

                await Task.Delay(metric.Interval, time, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            tally.Stop(stoppedBy);
        }

        return tally.Result();
    }

    private async Task<Measured> MeasureOnceAsync(CompiledMetric metric, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var address = metric.Spec.Prometheus.Address;
        try
        {
            var query = metric.Range is { } range
                ? prometheus.QueryRangeAsync(address, metric.Query, at - range.Duration, at, range.Step, metric.Timeout, cancellationToken)
                : prometheus.QueryAsync(address, metric.Query, at, metric.Timeout, cancellationToken);
            var result = await query.ConfigureAwait(false);
            return MetricJudge.Judge(metric, result);
        }
        catch (PrometheusException e)
        {
            return new Measured(MeasurementPhase.Error, null, e.Message, Final: e.QueryRefused);
        }
    }
}
