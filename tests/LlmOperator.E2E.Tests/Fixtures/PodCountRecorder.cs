using k8s;
using k8s.Models;
using LlmOperator.Kubernetes.Access;

namespace LlmOperator.E2E.Tests.Fixtures;

/// <summary>
/// Watches the pods of a label selector and keeps the most that existed at once, so that a test can check a limit on
/// pods through a whole rollout and not only where it ended.
/// </summary>
public sealed class PodCountRecorder : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly HashSet<string> _pods;
    private readonly Task _watching;
    private readonly Lock _lock = new();
    private int _most;

    private PodCountRecorder(ResourceClient<V1Pod> pods, string ns, string selector, ResourceList<V1Pod> existing)
    {
        _pods = [.. existing.Items.Select(p => p.Metadata.Name)];
        _most = _pods.Count;
        _watching = Task.Run(() => WatchAsync(pods, ns, selector, existing.ResourceVersion, _stop.Token));
    }

    /// <summary>The most pods that existed at once since recording began.</summary>
    public int Most
    {
        get
        {
            lock (_lock)
            {
                return _most;
            }
        }
    }

    /// <summary>Starts recording the pods of <paramref name="selector"/> in <paramref name="ns"/> from those there are now.</summary>
    public static async Task<PodCountRecorder> StartAsync(IKubernetes client, string ns, string selector)
    {
        var pods = new ResourceClient<V1Pod>(client);
        return new PodCountRecorder(pods, ns, selector, await pods.ListAsync(ns, selector, default));
    }

    private async Task WatchAsync(ResourceClient<V1Pod> pods, string ns, string selector, string resourceVersion, CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                await foreach (var (type, pod) in pods.WatchAsync(ns, selector, resourceVersion, TimeSpan.FromMinutes(5), cancellationToken))
                {
                    resourceVersion = pod.Metadata.ResourceVersion;
                    lock (_lock)
                    {
                        if (type == WatchEventType.Added)
                        {
                            _pods.Add(pod.Metadata.Name);
                            _most = Math.Max(_most, _pods.Count);
                        }
                        else if (type == WatchEventType.Deleted)
                        {
                            _pods.Remove(pod.Metadata.Name);
                        }
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
