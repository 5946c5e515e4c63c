using k8s;
using k8s.Models;
using LlmOperator.Kubernetes.Access;

namespace LlmOperator.Benchmarks.Scale;

/// <summary>
/// Watches one kind in one namespace and counts the objects whose latest version satisfies a condition.
/// It keeps names only, not objects: at ten thousand objects the client should stay small beside the operator.
/// </summary>
internal sealed class ConvergenceWatch<T> : IAsyncDisposable
    where T : class, IKubernetesObject<V1ObjectMeta>
{
    private readonly Lock _gate = new();
    private readonly HashSet<string> _satisfied = new(StringComparer.Ordinal);
    private readonly Func<T, bool> _condition;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _watching;
    private (int Count, TaskCompletionSource Done)? _wait;

    public ConvergenceWatch(ResourceClient<T> client, string ns, Func<T, bool> condition)
    {
        _condition = condition;
        _watching = Task.Run(() => WatchAsync(client, ns, _stop.Token));
    }

    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _satisfied.Count;
            }
        }
    }

    /// <summary>Completes once at least <paramref name="count"/> objects satisfy the condition; false on timeout.</summary>
    public async Task<bool> WaitForAsync(int count, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_gate)
        {
            if (_satisfied.Count >= count)
            {
                return true;
            }

            _wait = (count, done);
        }

        try
        {
            await done.Task.WaitAsync(timeout, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (TimeoutException)
        {
            return false;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _watching;
        _stop.Dispose();
    }

    private async Task WatchAsync(ResourceClient<T> client, string ns, CancellationToken cancellationToken)
    {
        var resourceVersion = "0";
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                await foreach (var (type, item) in client.WatchAsync(ns, resourceVersion, TimeSpan.FromMinutes(30), cancellationToken))
                {
                    resourceVersion = item.Metadata.ResourceVersion;
                    if (type is not (WatchEventType.Bookmark or WatchEventType.Error))
                    {
                        Observe(item.Metadata.Name, type != WatchEventType.Deleted && _condition(item));
                    }
                }
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private void Observe(string name, bool satisfied)
    {
        lock (_gate)
        {
            if (satisfied)
            {
                _satisfied.Add(name);
            }
            else
            {
                _satisfied.Remove(name);
            }

            if (_wait is { } wait && _satisfied.Count >= wait.Count)
            {
                wait.Done.TrySetResult();
                _wait = null;
            }
        }
    }
}
