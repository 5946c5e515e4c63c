using System.Diagnostics;
using System.Text;
using k8s;
using k8s.Models;
using LlmOperator.Kubernetes.Access;
using LlmOperator.Kubernetes.Hosting;
using LlmOperator.Kubernetes.Informers;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace LlmOperator.Benchmarks.Runtime;

/// <summary>
/// The controller runtime with N ConfigMaps in one namespace of a sandbox running in another process:
/// informer sync time, memory, no-op reconciles per second, and the requests of an idle operator.
/// </summary>
public static class ControlPlaneBenchmark
{
    public static async Task<string> RunAsync(int objects, TimeSpan idle, CancellationToken cancellationToken)
    {
        var report = new StringBuilder();
        await using var sandbox = await SandboxProcess.StartAsync(cancellationToken);
        var config = KubernetesClientConfiguration.BuildConfigFromConfigFile(sandbox.KubeconfigPath);
        const string ns = "bench";
        using (var seeding = new k8s.Kubernetes(config))
        {
            await seeding.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = ns } }, cancellationToken: cancellationToken);
            var maps = new ResourceClient<V1ConfigMap>(seeding);
            var seeded = Stopwatch.StartNew();
            await Parallel.ForAsync(0, objects, new ParallelOptions { MaxDegreeOfParallelism = 16, CancellationToken = cancellationToken }, async (i, ct) =>
                await maps.CreateAsync(
                    new V1ConfigMap
                    {
                        Metadata = new V1ObjectMeta { Name = $"map-{i:00000}", NamespaceProperty = ns },
                        Data = new Dictionary<string, string> { ["index"] = $"{i}" },
                    },
                    ct));
            report.AppendLine(System.Globalization.CultureInfo.InvariantCulture, $"seeded {objects} ConfigMaps in {seeded.Elapsed.TotalSeconds:F1} s");
        }

        GC.Collect();
        var baseline = Environment.WorkingSet;

        // 1. Informer sync: LIST of every object into the cache.
        using (var client = new k8s.Kubernetes(config))
        {
            var informer = new Informer<V1ConfigMap>(
                new ResourceClient<V1ConfigMap>(client), [ns], new ReflectorOptions(), TimeProvider.System, null, NullLogger.Instance);
            using var stop = new CancellationTokenSource();
            var sync = Stopwatch.StartNew();
            var running = informer.RunAsync(stop.Token);
            while (!informer.HasSynced)
            {
                await Task.Delay(5, cancellationToken);
            }

            report.AppendLine(
                System.Globalization.CultureInfo.InvariantCulture, $"informer sync of {informer.Cache.Count} objects: {sync.Elapsed.TotalMilliseconds:F0} ms");
            await stop.CancelAsync();
            await running;
        }

        // 2. The operator host with a no-op reconciler, under leader election, counting its requests.
        var counter = new ReconcileCounter();
        var requests = new RequestCounter();
        var builder = OperatorHost.CreateBuilder(
            o =>
            {
                o.Namespaces.Add(ns);
                o.HealthPort = 0;
                o.LeaderElection.Enabled = true;
                o.LeaderElection.LeaseNamespace = ns;
            },
            o => o.AddController<V1ConfigMap, NoOpReconciler>());
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddSingleton(counter);
        builder.Services.AddSingleton<IKubernetes>(_ => new k8s.Kubernetes(config, requests));
        using var app = builder.Build();
        var started = Stopwatch.StartNew();
        await app.StartAsync(cancellationToken);
        while (counter.Count < objects)
        {
            await Task.Delay(10, cancellationToken);
        }

        var toAllReconciled = started.Elapsed;
        var reconcileSeconds = Stopwatch.GetElapsedTime(counter.FirstTimestamp, counter.LastTimestamp).TotalSeconds;
        report.AppendLine(
            System.Globalization.CultureInfo.InvariantCulture,
            $"operator start to {objects} reconciles: {toAllReconciled.TotalSeconds:F2} s (leader election, list, {objects} no-op reconciles)");
        report.AppendLine(System.Globalization.CultureInfo.InvariantCulture, $"no-op reconciles per second (2 workers): {objects / reconcileSeconds:F0}");
        GC.Collect();
        report.AppendLine(
            System.Globalization.CultureInfo.InvariantCulture,
            $"working set: baseline {baseline / 1048576.0:F0} MiB, with {objects} objects cached {Environment.WorkingSet / 1048576.0:F0} MiB, "
            + $"peak {Process.GetCurrentProcess().PeakWorkingSet64 / 1048576.0:F0} MiB");

        // 3. Idle: nothing changes; only watches and lease renewals may reach the API.
        requests.Clear();
        var reconcilesBefore = counter.Count;
        await Task.Delay(idle, cancellationToken);
        var idleRequests = requests.Snapshot();
        report.AppendLine(
            System.Globalization.CultureInfo.InvariantCulture,
            $"idle for {idle.TotalSeconds:F0} s: {counter.Count - reconcilesBefore} reconciles; "
            + $"requests: {(idleRequests.Count == 0
                ? "none"
                : string.Join(", ", idleRequests.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key} × {p.Value}")))}");
        var unexpected = idleRequests.Keys.Where(k => k != "watch" && !k.StartsWith("lease ", StringComparison.Ordinal)).ToList();
        report.AppendLine(unexpected.Count == 0
            ? "idle requests are only watches and lease renewals"
            : $"UNEXPECTED idle requests: {string.Join(", ", unexpected)}");
        await app.StopAsync(cancellationToken);
        return report.ToString();
    }
}
