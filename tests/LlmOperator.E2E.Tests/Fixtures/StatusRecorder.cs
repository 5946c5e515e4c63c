using System.Collections.Concurrent;
using LlmOperator.Api.V1Alpha1;
using LlmOperator.Kubernetes.Access;

namespace LlmOperator.E2E.Tests.Fixtures;

/// <summary>
/// Watches one ModelDeployment and keeps every status it went through, so that a test can check the
/// path of a rollout (each step, each pause) and not only where it ended.
/// </summary>
public sealed class StatusRecorder : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentQueue<ModelDeploymentStatus> _seen = new();
    private readonly Task _watching;

    private StatusRecorder(ResourceClient<ModelDeployment> models, string ns, string name, string resourceVersion)
    {
        _watching = Task.Run(() => WatchAsync(models, ns, name, resourceVersion, _stop.Token));
    }

    /// <summary>Every status seen, in order.</summary>
    public IReadOnlyList<ModelDeploymentStatus> Seen => [.. _seen];

    /// <summary>Starts recording from the ModelDeployment's current version.</summary>
    public static async Task<StatusRecorder> StartAsync(ResourceClient<ModelDeployment> models, string ns, string name)
    {
        var list = await models.ListAsync(ns, null, default);
        return new StatusRecorder(models, ns, name, list.ResourceVersion);
    }

    private async Task WatchAsync(ResourceClient<ModelDeployment> models, string ns, string name, string resourceVersion, CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                await foreach (var (_, model) in models.WatchAsync(ns, resourceVersion, TimeSpan.FromMinutes(5), cancellationToken))
                {
                    resourceVersion = model.Metadata.ResourceVersion;
                    if (model.Metadata.Name == name && model.Status is { } status)
                    {
                        _seen.Enqueue(status);
                    }
                }
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _watching;
        _stop.Dispose();
    }
}
