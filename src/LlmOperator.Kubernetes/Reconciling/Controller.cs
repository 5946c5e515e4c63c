using System.Diagnostics;
using k8s;
using k8s.Models;
using LlmOperator.Kubernetes.Access;
using LlmOperator.Kubernetes.Informers;
using LlmOperator.Kubernetes.Queue;
using LlmOperator.Kubernetes.Telemetry;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace LlmOperator.Kubernetes.Reconciling;

/// <summary>
/// Runs a reconciler: changes of the primary kind (filtered by generation when asked, and never the echo
/// of our own status write) and of watched kinds become keys in a rate-limited work queue, and N workers
/// reconcile them, one key at a time each. A key whose cached object is still the version this operator
/// last wrote a status over waits for the newer one instead of being reconciled from the stale one.
/// </summary>
internal sealed partial class Controller<T> : IController
    where T : class, IKubernetesObject<V1ObjectMeta>
{
    private static readonly TimeSpan SyncPoll = TimeSpan.FromMilliseconds(50);

    // The watch brings our write within milliseconds; looking again covers a watch that dropped it.
    private static readonly TimeSpan CacheBehindRecheck = TimeSpan.FromMilliseconds(50);
    private readonly int _workers;
    private readonly SharedInformers _informers;
    private readonly Informer<T> _primary;
    private readonly WorkQueue<ObjectKey> _queue;
    private readonly IServiceScopeFactory _scopes;
    private readonly Func<IServiceProvider, IReconciler<T>> _resolve;
    private readonly StatusWrites _statusWrites;
    private readonly ResourceKind _kind = ResourceKind.Of<T>();
    private readonly TimeProvider _time;
    private readonly OperatorMetrics _metrics;
    private readonly ILogger _logger;
    private readonly KeyValuePair<string, object?> _controllerTag;

    public Controller(
        ControllerBuilder<T> definition, int workers, SharedInformers informers, WorkQueue<ObjectKey> queue, IServiceScopeFactory scopes,
        Func<IServiceProvider, IReconciler<T>> resolve, StatusWrites statusWrites, TimeProvider time, OperatorMetrics metrics, ILogger logger)
    {
        Name = definition.Name;
        _workers = workers;
        _informers = informers;
        _queue = queue;
        _scopes = scopes;
        _resolve = resolve;
        _statusWrites = statusWrites;
        _time = time;
        _metrics = metrics;
        _logger = logger;
        _controllerTag = new("controller", Name);
        _primary = informers.Get<T>();
        var filter = definition.FilterByGeneration;
        _primary.Subscribe(change =>
        {
            var key = ObjectKey.Of(change.Current);
            if (change.New is null)
            {
                statusWrites.Forget(_kind, key);
            }

            if (ChangeFilters.GenerationChanged(change) || (!filter && !statusWrites.IsEcho(_kind, change.Old, change.New!)))
            {
                _queue.Add(key);
            }
        });
        foreach (var source in definition.Sources)
        {
            source(informers, _queue.Add);
        }
    }

    public string Name { get; }

    public async Task RunAsync(CancellationToken stopping, CancellationToken abort)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(stopping, abort);
        using var shutDown = stop.Token.Register(_queue.ShutDown);
        try
        {
            // Acting on a half-filled cache would, for example, recreate children that are merely not listed yet.
            while (!_informers.HasSynced)
            {
                await Task.Delay(SyncPoll, _time, stop.Token).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            _queue.Dispose();
            return;
        }

        LogStarted(_logger, Name, _workers);
        await Task.WhenAll(Enumerable.Range(0, _workers).Select(_ => Task.Run(() => WorkAsync(abort), CancellationToken.None))).ConfigureAwait(false);
        _queue.Dispose();
        LogStopped(_logger, Name);
    }

    private async Task WorkAsync(CancellationToken abort)
    {
        while (true)
        {
            var item = await _queue.GetAsync(CancellationToken.None).ConfigureAwait(false);
            if (item.IsShutDown)
            {
                return;
            }

            try
            {
                await ReconcileAsync(item.Key, abort).ConfigureAwait(false);
            }
            finally
            {
                _queue.Done(item.Key);
            }
        }
    }

    private async Task ReconcileAsync(ObjectKey key, CancellationToken abort)
    {
        var cached = _primary.Cache.Get(key);
        if (cached is not null && _statusWrites.IsBehind(_kind, cached))
        {
            LogCacheBehind(_logger, Name, key, cached.Metadata.ResourceVersion);
            Apply(key, ReconcileResult.RequeueAfter(CacheBehindRecheck));
            _metrics.ReconcileResults.Add(1, _controllerTag, new KeyValuePair<string, object?>("result", "cache_behind"));
            return;
        }

        using var activity = OperatorTracing.Source.StartActivity($"reconcile {_primary.Kind.Kind}");
        activity?.SetTag("llmop.controller", Name);
        activity?.SetTag("k8s.namespace.name", key.Namespace);
        activity?.SetTag("llmop.object.name", key.Name);
        var started = _time.GetTimestamp();
        ReconcileResult result;
        try
        {
            await using var scope = _scopes.CreateAsyncScope();
            result = await _resolve(scope.ServiceProvider).ReconcileAsync(new ReconcileRequest<T>(key, cached), abort).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException || !abort.IsCancellationRequested)
        {
            result = ReconcileResult.Error(e);
        }
        catch (OperationCanceledException e)
        {
            // Aborted (lost leadership or shutdown timeout): the next leader reconciles it again.
            result = ReconcileResult.Error(e);
        }

        Apply(key, result);
        var outcome = OutcomeTag(result.Outcome);
        activity?.SetTag("llmop.reconcile.result", outcome);
        if (result.Exception is not null)
        {
            activity?.SetStatus(ActivityStatusCode.Error, result.Exception.Message);
        }

        var resultTag = new KeyValuePair<string, object?>("result", outcome);
        _metrics.ReconcileDuration.Record(_time.GetElapsedTime(started).TotalSeconds, _controllerTag, resultTag);
        _metrics.ReconcileResults.Add(1, _controllerTag, resultTag);
    }

    private void Apply(ObjectKey key, ReconcileResult result)
    {
        switch (result.Outcome)
        {
            case ReconcileOutcome.Done:
                _queue.Forget(key);
                break;
            case ReconcileOutcome.RequeueAfter:
                if (result == ReconcileResult.AfterConflict)
                {
                    LogConflict(_logger, Name, key);
                }

                _queue.Forget(key);
                _queue.AddAfter(key, result.Delay);
                break;
            case ReconcileOutcome.Error:
                var retryAfter = (result.Exception as KubernetesApiException)?.RetryAfter ?? TimeSpan.Zero;
                LogFailed(_logger, result.Exception, Name, key.ToString(), _queue.Failures(key) + 1);
                _queue.AddRateLimited(key, retryAfter);
                break;
            case ReconcileOutcome.TerminalError:
                LogTerminal(_logger, result.Exception, Name, key.ToString());
                _queue.Forget(key);
                break;
        }
    }

    private static string OutcomeTag(ReconcileOutcome outcome) => outcome switch
    {
        ReconcileOutcome.Done => "done",
        ReconcileOutcome.RequeueAfter => "requeue_after",
        ReconcileOutcome.Error => "error",
        _ => "terminal_error",
    };

    [LoggerMessage(Level = LogLevel.Debug, Message = "Controller {Controller}: {Key} changed while it was planned; planning again from the newer object")]
    private static partial void LogConflict(ILogger logger, string controller, ObjectKey key);

    [LoggerMessage(Level = LogLevel.Information, Message = "Controller {Controller} started with {Workers} workers")]
    private static partial void LogStarted(ILogger logger, string controller, int workers);

    [LoggerMessage(Level = LogLevel.Information, Message = "Controller {Controller} stopped")]
    private static partial void LogStopped(ILogger logger, string controller);

    [LoggerMessage(
        Level = LogLevel.Debug,
        Message = "Controller {Controller}: {Key} is cached at resourceVersion {ResourceVersion}, which this operator already wrote a status over; " +
            "waiting for the newer version")]
    private static partial void LogCacheBehind(ILogger logger, string controller, ObjectKey key, string resourceVersion);

    [LoggerMessage(
        Level = LogLevel.Warning,
        Message = "Controller {Controller} failed to reconcile {Key} (failure {Failures} in a row); retrying with backoff")]
    private static partial void LogFailed(ILogger logger, Exception? exception, string controller, string key, int failures);

    [LoggerMessage(Level = LogLevel.Error, Message = "Controller {Controller} failed to reconcile {Key} for good; it waits for a change")]
    private static partial void LogTerminal(ILogger logger, Exception? exception, string controller, string key);
}
