using k8s;
using LlmOperator.Kubernetes.Informers;
using LlmOperator.Kubernetes.Reconciling;
using LlmOperator.Kubernetes.Telemetry;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace LlmOperator.Kubernetes.Hosting;

/// <summary>
/// One term of running the controllers (the whole life of a replica without leader election, or one
/// leadership): fresh informers, empty <see cref="ITermMemory"/>, every registered controller, a graceful
/// stop that lets in-flight reconciles finish within the shutdown timeout, and an abort that cancels them
/// at once.
/// </summary>
internal sealed class ControllerTerm(
    IEnumerable<IControllerRegistration> registrations, IEnumerable<ITermMemory> memories, IServiceProvider services, IKubernetes kubernetes,
    IOptions<OperatorOptions> options, OperatorState state, TimeProvider time, OperatorMetrics metrics, ILoggerFactory loggers)
{
    public async Task RunAsync(CancellationToken stopping, CancellationToken abort)
    {
        var settings = options.Value;
        var informers = new SharedInformers(kubernetes, [.. settings.Namespaces], settings.Informers, time, metrics, loggers);
        foreach (var memory in memories)
        {
            memory.StartTerm(informers);
        }

        var controllers = registrations.Select(r => r.Create(informers, services)).ToList();
        state.Lead(informers);
        try
        {
            using var hardStop = CancellationTokenSource.CreateLinkedTokenSource(abort);
            using var deadline = stopping.Register(() => hardStop.CancelAfter(settings.ShutdownTimeout));
            using var watching = CancellationTokenSource.CreateLinkedTokenSource(abort);
            var informing = informers.RunAsync(watching.Token);
            // The term lasts until it is stopped, even with no controllers registered.
            using var stoppedOrAborted = CancellationTokenSource.CreateLinkedTokenSource(stopping, abort);
            var untilStopping = Task.Delay(Timeout.Infinite, stoppedOrAborted.Token)
                .ContinueWith(_ => { }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
            await Task.WhenAll([.. controllers.Select(c => c.RunAsync(stopping, hardStop.Token)), untilStopping]).ConfigureAwait(false);
            await watching.CancelAsync().ConfigureAwait(false);
            await informing.ConfigureAwait(false);
        }
        finally
        {
            state.StepDown();
        }
    }
}
