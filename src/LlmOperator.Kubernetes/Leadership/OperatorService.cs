using k8s;
using k8s.LeaderElection;
using k8s.LeaderElection.ResourceLock;
using LlmOperator.Kubernetes.Hosting;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace LlmOperator.Kubernetes.Leadership;

/// <summary>
/// The operator's main loop. Without leader election it runs the controllers until shutdown. With it,
/// it campaigns for the Lease with KubernetesClient's <see cref="LeaderElector"/>, runs the controllers
/// while it leads, aborts them at once when leadership is lost and campaigns again; on shutdown it lets
/// in-flight reconciles finish, then releases the Lease.
/// </summary>
internal sealed partial class OperatorService(
    ControllerTerm term, IKubernetes kubernetes, IOptions<OperatorOptions> options, OperatorState state, TimeProvider time, ILogger<OperatorService> logger)
    : BackgroundService
{
    private static readonly TimeSpan ReleaseTimeout = TimeSpan.FromSeconds(5);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        state.Started();
        try
        {
            var election = options.Value.LeaderElection;
            if (!election.Enabled)
            {
                await term.RunAsync(stoppingToken, CancellationToken.None).ConfigureAwait(false);
                return;
            }

            while (!stoppingToken.IsCancellationRequested)
            {
                await CampaignAsync(election, stoppingToken).ConfigureAwait(false);
            }
        }
        catch (Exception e) when (e is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
        {
            LogFailed(logger, e);
            state.Failed(e);
            throw;
        }
        finally
        {
            state.Stopped();
        }
    }

    private async Task CampaignAsync(LeaderElectionOptions election, CancellationToken stoppingToken)
    {
        var leaseLock = new LeaseLock(kubernetes, election.LeaseNamespace, election.LeaseName, election.Identity);
        using var elector = new LeaderElector(new LeaderElectionConfig(leaseLock)
        {
            LeaseDuration = election.LeaseDuration,
            RenewDeadline = election.RenewDeadline,
            RetryPeriod = election.RetryPeriod,
        });
        var leading = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var lost = new CancellationTokenSource();
        using var campaigning = new CancellationTokenSource();
        elector.OnStartedLeading += () => leading.TrySetResult();
        elector.OnStoppedLeading += () => CancelQuietly(lost);
        elector.OnNewLeader += leader => LogNewLeader(logger, leader, election.Identity);
        elector.OnError += e => LogElectionError(logger, e);
        var electing = Task.Run(() => elector.RunUntilLeadershipLostAsync(campaigning.Token), CancellationToken.None);

        using (stoppingToken.Register(() => leading.TrySetCanceled(stoppingToken)))
        {
            await Task.WhenAny(leading.Task, electing).ConfigureAwait(false);
        }

        if (leading.Task.IsCompletedSuccessfully)
        {
            LogLeading(logger, election.Identity, election.LeaseNamespace, election.LeaseName);
            using var stopping = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken, lost.Token);
            await term.RunAsync(stopping.Token, lost.Token).ConfigureAwait(false);
            if (lost.IsCancellationRequested && !stoppingToken.IsCancellationRequested)
            {
                LogLost(logger, election.Identity);
            }
        }

        await campaigning.CancelAsync().ConfigureAwait(false);
        await Quietly(electing).ConfigureAwait(false);

        // Whether or not this replica saw itself lead: a shutdown can meet an acquisition the server made but the elector
        // had not reported yet. The release clears the Lease only while it still names this replica.
        if (stoppingToken.IsCancellationRequested && election.ReleaseOnShutdown)
        {
            using var timeout = new CancellationTokenSource(ReleaseTimeout);
            await Quietly(LeaseRelease.ReleaseAsync(leaseLock, election.Identity, time, timeout.Token)).ConfigureAwait(false);
        }
    }

    private static void CancelQuietly(CancellationTokenSource source)
    {
        try
        {
            source.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // The campaign already ended.
        }
    }

    private async Task Quietly(Task task)
    {
        try
        {
            await task.ConfigureAwait(false);
        }
        catch (Exception e) when (e is OperationCanceledException or k8s.Autorest.HttpOperationException or HttpRequestException)
        {
            LogElectionError(logger, e);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "{Identity} leads through Lease {Namespace}/{Name}: starting the controllers")]
    private static partial void LogLeading(ILogger logger, string identity, string @namespace, string name);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Identity} lost leadership: controllers stopped")]
    private static partial void LogLost(ILogger logger, string identity);

    [LoggerMessage(Level = LogLevel.Information, Message = "The leader is {Leader} (this replica is {Identity})")]
    private static partial void LogNewLeader(ILogger logger, string leader, string identity);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Leader election attempt failed")]
    private static partial void LogElectionError(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Critical, Message = "The operator loop failed")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
