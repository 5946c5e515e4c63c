using System.Diagnostics;
using k8s;
using k8s.Models;
using LlmOperator.Kubernetes.Access;

namespace LlmOperator.Benchmarks.Rollout;

/// <summary>
/// Watches one kind in one namespace and completes waits the moment an event satisfies them, with the
/// timestamp of that event: the benchmark's clock for "when did the operator do it".
/// </summary>
internal sealed class NamespaceWatch<T> : IAsyncDisposable
    where T : class, IKubernetesObject<V1ObjectMeta>
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, T> _latest = new(StringComparer.Ordinal);
    private readonly List<(Func<T, bool> Condition, TaskCompletionSource<long> Done)> _waits = [];
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _watching;

    private NamespaceWatch(ResourceClient<T> client, string ns, ResourceList<T> list)
    {
        foreach (var item in list.Items)
        {
            _latest[item.Metadata.Name] = item;
        }

        _watching = Task.Run(() => WatchAsync(client, ns, list.ResourceVersion, _stop.Token));
    }

    public static async Task<NamespaceWatch<T>> StartAsync(ResourceClient<T> client, string ns, CancellationToken cancellationToken) =>
        new(client, ns, await client.ListAsync(ns, null, cancellationToken));

    /// <summary>The Stopwatch timestamp of the first event (or cached object) that satisfies the condition.</summary>
    public Task<long> WaitAsync(Func<T, bool> condition)
    {
        var done = new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_gate)
        {
            if (_latest.Values.Any(condition))
            {
                done.SetResult(Stopwatch.GetTimestamp());
            }
            else
            {
                _waits.Add((condition, done));
            }
        }

        return done.Task;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _watching;
        _stop.Dispose();
    }

    private async Task WatchAsync(ResourceClient<T> client, string ns, string resourceVersion, CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                await foreach (var (type, item) in client.WatchAsync(ns, resourceVersion, TimeSpan.FromMinutes(10), cancellationToken))
                {
                    var now = Stopwatch.GetTimestamp();
                    resourceVersion = item.Metadata.ResourceVersion;
                    if (type is WatchEventType.Added or WatchEventType.Modified)
                    {
                        Observe(item, now);
                    }
                }
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private void Observe(T item, long now)
    {
        lock (_gate)
        {
            _latest[item.Metadata.Name] = item;
            foreach (var wait in _waits.Where(w => w.Condition(item)).ToList())
            {
                wait.Done.SetResult(now);
                _waits.Remove(wait);
            }
        }
    }
}
