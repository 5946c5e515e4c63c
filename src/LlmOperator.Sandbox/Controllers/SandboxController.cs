using LlmOperator.Sandbox.Storage;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace LlmOperator.Sandbox.Controllers;

/// <summary>
/// One of the sandbox's own controllers (what kube-controller-manager and the kubelet do in a real
/// cluster): it sees every committed change in order and acts through the write path. A failure is
/// logged and the controller goes on; the sandbox never stops because of one object.
/// </summary>
internal abstract partial class SandboxController(ObjectStore store, ILogger logger) : BackgroundService
{
    /// <summary>Acts on one change.</summary>
    protected abstract void Handle(StoreEvent change);

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var subscription = store.WatchAll();
        var reader = subscription.Messages;
        try
        {
            while (await reader.WaitToReadAsync(stoppingToken).ConfigureAwait(false))
            {
                while (reader.TryRead(out var message))
                {
                    if (message is WatchMessage.Change { Event: var change })
                    {
                        Run(() => Handle(change), change);
                    }
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>Runs controller work, logging instead of throwing.</summary>
    protected void Run(Action work, StoreEvent? cause = null)
    {
        ArgumentNullException.ThrowIfNull(work);
        try
        {
            work();
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogFailure(logger, e, GetType().Name, cause?.Resource.ToString() ?? "-", cause?.Item.Name ?? "-");
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Controller} failed on {Resource}/{Name}")]
    private static partial void LogFailure(ILogger logger, Exception exception, string controller, string resource, string name);
}
