using System.Collections.Concurrent;
using k8s;
using k8s.Models;
using LlmOperator.Api.V1Alpha1;
using LlmOperator.Controllers.Common;
using LlmOperator.Controllers.EvaluationRuns;
using LlmOperator.Controllers.ModelDeployments;
using LlmOperator.Controllers.ModelDeployments.Adapters;
using LlmOperator.Controllers.ModelDeployments.Pipelines;
using LlmOperator.Controllers.ModelDeployments.Releases;
using LlmOperator.Controllers.PromptVersions;
using LlmOperator.Kubernetes.Access;
using LlmOperator.Kubernetes.Events;
using LlmOperator.Kubernetes.Reconciling;
using LlmOperator.Testing.InMemory;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace LlmOperator.Controllers.Tests.Common;

/// <summary>
/// The LlmOperator reconcilers wired as the operator wires them, over an in-memory cluster and caches
/// that catch up only on <see cref="Sync"/>: a reconcile runs in microseconds, and a test can make the
/// cluster refuse a call, change an object behind the cache's back, or reconcile from a stale cache.
/// </summary>
internal sealed class InMemoryOperator : IDisposable
{
    public const string Namespace = "ml";

    private readonly ServiceProvider _services;

    public InMemoryOperator()
    {
        Caches = new InMemoryCaches(Cluster)
            .Watch<ModelDeployment>().Watch<PromptVersion>().Watch<EvaluationGate>().Watch<EvaluationRun>()
            .Watch<V1Deployment>().Watch<V1Service>().Watch<V1Job>().Watch<V1Pod>(ServerPod.Selector)
            .Watch<V1ConfigMap>(PromptVersionNames.PublishedSelector).Watch<V1ConfigMap>(ModelDeploymentNames.ReleaseSelector);
        _services = new ServiceCollection()
            .AddLogging()
            .AddMetrics()
            .AddSingleton(Cluster)
            .AddSingleton(typeof(IResourceClient<>), typeof(InMemoryResourceClient<>))
            .AddSingleton(Caches.Caches)
            .AddSingleton<IEventRecorder>(Events)
            .AddSingleton<TimeProvider>(Time)
            .AddSingleton<RolloutMetrics>()
            .AddSingleton<PromptMetrics>()
            .AddSingleton<EvaluationRunMetrics>()
            .AddSingleton<EvaluationsInFlight>()
            .AddSingleton<PipelineCallers>()
            .AddSingleton<OwnedRuns>()
            .AddSingleton<ServingObjects>()
            .AddSingleton(new LoraAdapterClient(Engines))
            .AddSingleton(new AdapterLoaderClient(Engines))
            .AddSingleton<PodAdapters>()
            .AddSingleton<PodReadinessGates>()
            .AddSingleton<ReleaseRecorder>()
            .AddSingleton<PromptPublisher>()
            .AddSingleton<ModelDeploymentReconciler>()
            .AddSingleton<PromptVersionReconciler>()
            .AddSingleton<EvaluationRunReconciler>()
            .AddOptions<ControllerOptions>().Configure(o => o.OperatorImage = "ghcr.io/llmoperator/llmop:test").Services
            .BuildServiceProvider();
        _services.GetRequiredService<EvaluationsInFlight>().StartTerm(Caches.Informers);
        _services.GetRequiredService<PipelineCallers>().StartTerm(Caches.Informers);
    }

    public InMemoryCluster Cluster { get; } = new();

    /// <summary>The pods' engines as the operator calls them over HTTP (/v1/load_lora_adapter, /v1/unload_lora_adapter).</summary>
    public FakeEngines Engines { get; } = new();

    public InMemoryCaches Caches { get; }

    public RecordedEvents Events { get; } = new();

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 11, 26, 12, 0, 0, TimeSpan.Zero));

    /// <summary>The meters the operator's metrics are made on, for a MetricCollector.</summary>
    public System.Diagnostics.Metrics.IMeterFactory Meters => _services.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>();

    public IResourceClient<T> Client<T>()
        where T : class, IKubernetesObject<V1ObjectMeta> => _services.GetRequiredService<IResourceClient<T>>();

    /// <summary>Creates an object in the cluster, as kubectl apply would.</summary>
    public async Task<T> CreateAsync<T>(T obj)
        where T : class, IKubernetesObject<V1ObjectMeta>
    {
        obj.Metadata.NamespaceProperty ??= Namespace;
        return await Client<T>().CreateAsync(obj, default);
    }

    /// <summary>Brings the caches up to date with the cluster, as the watches would.</summary>
    public void Sync() => Caches.Sync();

    /// <summary>One reconcile of <paramref name="name"/> by <typeparamref name="TReconciler"/>, from the object as the cache holds it.</summary>
    public Task<ReconcileResult> ReconcileAsync<T, TReconciler>(string name)
        where T : class, IKubernetesObject<V1ObjectMeta>
        where TReconciler : IReconciler<T>
    {
        var key = new ObjectKey(Namespace, name);
        return _services.GetRequiredService<TReconciler>().ReconcileAsync(new ReconcileRequest<T>(key, Caches.Caches.Of<T>().Get(key)), default);
    }

    /// <summary>Syncs the caches and reconciles until a reconcile writes nothing (at most 20 times).</summary>
    public async Task SettleAsync<T, TReconciler>(string name)
        where T : class, IKubernetesObject<V1ObjectMeta>
        where TReconciler : IReconciler<T>
    {
        for (var i = 0; i < 20; i++)
        {
            Sync();
            var writes = Cluster.Writes.Count;
            await ReconcileAsync<T, TReconciler>(name);
            if (Cluster.Writes.Count == writes)
            {
                Sync();
                return;
            }
        }

        throw new InvalidOperationException($"{name} did not settle: {string.Join(", ", Cluster.Writes.TakeLast(10))}");
    }

    public void Dispose() => _services.Dispose();

    /// <summary>The events the reconcilers recorded, in order.</summary>
    public sealed class RecordedEvents : IEventRecorder
    {
        private readonly ConcurrentQueue<(string Regarding, string Type, string Reason, string Message)> _events = new();

        public IReadOnlyList<(string Regarding, string Type, string Reason, string Message)> All => [.. _events];

        public Task RecordAsync(IKubernetesObject<V1ObjectMeta> regarding, string type, string reason, string message, CancellationToken cancellationToken)
        {
            _events.Enqueue((regarding.Metadata.Name, type, reason, message));
            return Task.CompletedTask;
        }
    }
}
