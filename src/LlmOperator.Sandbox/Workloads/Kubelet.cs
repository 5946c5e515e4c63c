using System.Collections.Concurrent;
using LlmOperator.Sandbox.Authorization;
using LlmOperator.Sandbox.Hosting;
using LlmOperator.Sandbox.Resources;
using LlmOperator.Sandbox.Server;
using LlmOperator.Sandbox.Storage;
using Microsoft.Extensions.Logging;

namespace LlmOperator.Sandbox.Workloads;

/// <summary>
/// Runs every new pod and stops it when it is deleted, as the kubelet of a one-node cluster, and writes a pod's
/// status again when a client's change of a readiness gate's condition changes whether it is Ready.
/// </summary>
internal sealed class Kubelet : Controllers.SandboxController
{
    private static readonly ResourceKey Pods = new("", "pods");
    private readonly ConcurrentDictionary<string, RunningPod> _pods = new(StringComparer.Ordinal);
    private readonly KubeletContext _context;

    /// <summary>Creates the kubelet.</summary>
    public Kubelet(
        ObjectStore store,
        ResourceService service,
        SandboxOptions options,
        PodAddresses addresses,
        PodLogs logs,
        SandboxEnvironment environment,
        ServiceAccountTokens tokens,
        ILogger<Kubelet> logger)
        : base(store, logger) => _context = new KubeletContext(store, service, options, addresses, logs, environment, tokens);

    /// <inheritdoc />
    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken).ConfigureAwait(false);
        await Task.WhenAll(_pods.Values.Select(p => p.DisposeAsync().AsTask())).ConfigureAwait(false);
        _pods.Clear();
    }

    /// <inheritdoc />
    protected override void Handle(StoreEvent change)
    {
        ArgumentNullException.ThrowIfNull(change);
        if (change.Resource != Pods)
        {
            return;
        }

        var uid = change.Item.Uid;
        if (change.Type == WatchEventType.Deleted)
        {
            _context.Logs.Forget(change.Item.Namespace, change.Item.Name);
            _context.Tokens.Revoke(uid);
            if (_pods.TryRemove(uid, out var gone))
            {
                _ = gone.DisposeAsync().AsTask();
            }

            return;
        }

        if (change.Type == WatchEventType.Added && !change.Item.IsTerminating)
        {
            var pod = new RunningPod(_context, change.Item.Namespace, change.Item.Name, uid);
            if (_pods.TryAdd(uid, pod))
            {
                _ = Task.Run(() => pod.RunAsync());
            }
        }
        else if (change.Type == WatchEventType.Modified && _pods.TryGetValue(uid, out var running) && PodConditions.ReadyIsStale(change.Item.ToJsonObject()))
        {
            // A client set a readiness gate's condition: Ready follows, as the kubelet's status manager makes it.
            running.Publish();
        }
    }
}
