using System.Collections.Concurrent;
using k8s;
using k8s.Models;
using LlmOperator.Kubernetes.Access;
using LlmOperator.Kubernetes.Informers;
using LlmOperator.Testing;
using Microsoft.Extensions.Logging.Abstractions;

namespace LlmOperator.Kubernetes.Tests.Fixtures;

/// <summary>An informer running against the sandbox for one test, recording every change it reports.</summary>
public sealed class RunningInformer<T> : IAsyncDisposable
    where T : class, IKubernetesObject<V1ObjectMeta>
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _run;
    private readonly ConcurrentQueue<CacheChange<T>> _changes = new();

    public RunningInformer(IKubernetes client, string @namespace, ReflectorOptions? options = null, string? labelSelector = null)
    {
        Informer = new Informer<T>(
            new ResourceClient<T>(client),
            [@namespace],
            options ?? WidgetSandboxFixture.FastInformers,
            TimeProvider.System,
            null,
            NullLogger.Instance,
            labelSelector);
        Informer.Subscribe(_changes.Enqueue);
        _run = Task.Run(() => Informer.RunAsync(_stop.Token));
    }

    public Informer<T> Informer { get; }

    public IReadOnlyList<CacheChange<T>> Changes => [.. _changes];

    /// <summary>Forgets the changes seen so far.</summary>
    public void ClearChanges() => _changes.Clear();

    public async Task SyncedAsync() => Assert.True(await Eventually.True(() => Informer.HasSynced), "the informer did not sync");

    /// <summary>Waits until the cache holds an object that satisfies the condition.</summary>
    public async Task SeesAsync(string name, Func<T?, bool> condition) =>
        Assert.True(
            await Eventually.True(() => condition(Informer.Cache.List().FirstOrDefault(o => o.Metadata.Name == name))),
            $"the cache never showed the expected {name}");

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _run;
        _stop.Dispose();
    }
}
