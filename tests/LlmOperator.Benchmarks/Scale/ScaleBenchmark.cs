using System.Diagnostics;
using System.Text.Json.Nodes;
using k8s;
using k8s.Models;
using LlmOperator.Api.V1Alpha1;
using LlmOperator.Benchmarks.Runtime;
using LlmOperator.Controllers.ModelDeployments;
using LlmOperator.Kubernetes.Access;

namespace LlmOperator.Benchmarks.Scale;

/// <summary>
/// Issues 9 and 20's scale figures. (1) N mock ModelDeployments with no steps applied at once: time until
/// all are Healthy, the operator process's peak RSS (over the quiet window too), its growth per object and its
/// CPU seconds, its API requests, writes and reconciles per object, then its reconciles and writes during a
/// quiet window after steady state (the goal is zero writes), and how many of them its /metrics reports Healthy
/// then (all). (2) R concurrent rollouts, each with one evaluate step: time until all are promoted, the
/// evaluations in flight at the peak, and how many never finished. Each run has a fresh sandbox and a fresh
/// <c>llmop operator</c>, each in its own process; this process is the client that creates the objects and
/// watches them.
/// </summary>
public static class ScaleBenchmark
{
    private static readonly TimeSpan Deadline = TimeSpan.FromMinutes(30);

    public static async Task<int> RunAsync(
        IReadOnlyList<int> counts, TimeSpan quiet, int rollouts, TimeSpan evaluation, IReadOnlyList<GcMode> gcModes, string llmop,
        CancellationToken cancellationToken)
    {
        var rows = new List<string[]>();
        foreach (var gc in gcModes)
        {
            foreach (var count in counts)
            {
                rows.Add(await ToHealthyAsync(count, quiet, gc, llmop, cancellationToken));
            }
        }

        Console.WriteLine(
            "Mock ModelDeployments (no steps) applied at once; llmop operator, the sandbox and this client each in its own process "
            + $"(RSS and CPU are the operator's); quiet window {quiet.TotalSeconds:0} s");
        MarkdownTable.Print(
            [
                "GC", "objects", "to all Healthy", "RSS at start", "peak RSS", "bytes / object", "CPU", "API requests / object",
                "API writes / object", "reconciles / object", "quiet: reconciles", "quiet: writes", "Healthy on /metrics",
            ],
            rows);
        Console.WriteLine();
        if (rollouts == 0)
        {
            return 0;
        }

        var (row, stuck) = await RolloutsAsync(rollouts, evaluation, gcModes[0], llmop, cancellationToken);
        Console.WriteLine(
            $"{rollouts} concurrent rollouts with one evaluate step (GC {gcModes[0].Name}); "
            + $"the evaluation Jobs are simulated: each runs {evaluation.TotalSeconds:0.#} s and reports Passed");
        MarkdownTable.Print(
            [
                "rollouts", "to all promoted", "evaluations in flight (peak)", "evaluation attempts", "stuck", "reconciles / rollout",
                "API requests / rollout", "peak RSS", "CPU",
            ],
            [row]);
        return stuck == 0 ? 0 : 1;
    }

    private static async Task<string[]> ToHealthyAsync(int count, TimeSpan quiet, GcMode gc, string llmop, CancellationToken cancellationToken)
    {
        const string ns = "scale";
        await using var sandbox = await SandboxProcess.StartAsync(cancellationToken, "config/crd/bases");
        var config = KubernetesClientConfiguration.BuildConfigFromConfigFile(sandbox.KubeconfigPath);
        using var client = new k8s.Kubernetes(config);
        await client.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = ns } }, cancellationToken: cancellationToken);
        var models = new ResourceClient<ModelDeployment>(client);
        await using var healthy = new ConvergenceWatch<ModelDeployment>(models, ns, m => ScaleManifests.IsHealthy(m));
        await using var op = await OperatorProcess.StartAsync(llmop, sandbox.KubeconfigPath, ns, gc, cancellationToken);

        var atStart = await op.ScrapeAsync(cancellationToken);
        var (rssAtStart, cpuAtStart) = (op.ResidentBytes, op.Cpu);
        var started = Stopwatch.StartNew();
        await CreateAllAsync(models, Enumerable.Range(0, count).Select(i => ScaleManifests.Model(ns, $"model-{i:00000}", evaluate: false)), cancellationToken);
        if (!await healthy.WaitForAsync(count, Deadline, cancellationToken))
        {
            Console.WriteLine($"only {healthy.Count} of {count} became Healthy within {Deadline.TotalMinutes:0} minutes");
        }

        var converged = started.Elapsed;
        var cpu = op.Cpu - cpuAtStart;
        var atHealthy = await op.ScrapeAsync(cancellationToken);
        var work = atHealthy.Since(atStart);
        Console.WriteLine($"GC {gc.Name}, {count} objects to Healthy: writes {Tally(work.Writes)}; reconciles {Tally(work.Reconciles)}");

        await Task.Delay(quiet, cancellationToken);
        var calm = (await op.ScrapeAsync(cancellationToken)).Since(atHealthy);
        // Every object's phase, read from /metrics: a check of the scrape itself (it held 2,000 of them when they were OpenTelemetry's).
        var reported = calm.Phases.GetValueOrDefault(nameof(RolloutPhase.Healthy));
        // The high-water mark after the quiet window: scrapes of /metrics, which report each object's gauges, raise it too.
        var peak = op.PeakResidentBytes;
        Console.WriteLine(
            $"GC {gc.Name}, {count} objects, {quiet.TotalSeconds:0} s after steady state: reconciles {Tally(calm.Reconciles)}; "
            + $"writes {Tally(calm.Writes)}; all requests {Tally(calm.Requests)}; RSS {Figures.Mb(op.ResidentBytes)}");

        return
        [
            gc.Name, Figures.Number(count), Figures.Number(converged.TotalSeconds, "0.0") + " s", Figures.Mb(rssAtStart), Figures.Mb(peak),
            Figures.Number((double)(peak - rssAtStart) / count, "#,0"), Figures.Number(cpu.TotalSeconds, "0.0") + " s",
            Figures.Number((double)work.TotalRequests / count, "0.00"), Figures.Number((double)work.Writes.Values.Sum() / count, "0.00"),
            Figures.Number((double)work.TotalReconciles / count, "0.00"),
            Figures.Number(calm.TotalReconciles), Figures.Number(calm.Writes.Values.Sum()), Figures.Number(reported),
        ];
    }

    private static async Task<(string[] Row, int Stuck)> RolloutsAsync(
        int count, TimeSpan evaluation, GcMode gc, string llmop, CancellationToken cancellationToken)
    {
        const string ns = "rollouts";
        // The sandbox runs each simulated evaluation Job for the evaluation's length; the benchmark reports its outcome.
        await using var sandbox = await SandboxProcess.StartAsync(["config/crd/bases"], evaluation, cancellationToken);
        var config = KubernetesClientConfiguration.BuildConfigFromConfigFile(sandbox.KubeconfigPath);
        using var client = new k8s.Kubernetes(config);
        await client.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = ns } }, cancellationToken: cancellationToken);
        var models = new ResourceClient<ModelDeployment>(client);
        await new ResourceClient<EvaluationGate>(client).CreateAsync(ScaleManifests.Gate(ns), cancellationToken);
        var names = Enumerable.Range(0, count).Select(i => $"model-{i:000}").ToList();
        var second = Revision.Of(ScaleManifests.Model(ns, names[0], evaluate: true, latencyMs: 2).Spec);
        await using var op = await OperatorProcess.StartAsync(llmop, sandbox.KubeconfigPath, ns, gc, cancellationToken);
        await using (var first = new ConvergenceWatch<ModelDeployment>(models, ns, m => ScaleManifests.IsHealthy(m)))
        {
            // The first revision of each has no stable one to compare with: it is serving at once, without an evaluation.
            await CreateAllAsync(models, names.Select(n => ScaleManifests.Model(ns, n, evaluate: true)), cancellationToken);
            await first.WaitForAsync(count, Deadline, cancellationToken);
        }

        await using var promoted = new ConvergenceWatch<ModelDeployment>(models, ns, m => ScaleManifests.IsHealthy(m, second));
        await using var evaluator = new SimulatedEvaluator(new ResourceClient<EvaluationRun>(client), new ResourceClient<V1ConfigMap>(client), ns);
        var before = await op.ScrapeAsync(cancellationToken);
        var cpuBefore = op.Cpu;
        var started = Stopwatch.StartNew();
        await Parallel.ForEachAsync(names, new ParallelOptions { MaxDegreeOfParallelism = 16, CancellationToken = cancellationToken }, async (name, ct) =>
            await models.PatchAsync(new ObjectKey(ns, name), new JsonObject { ["spec"] = new JsonObject { ["args"] = new JsonArray("--latency=2") } }, ct));
        var allPromoted = await promoted.WaitForAsync(count, TimeSpan.FromMinutes(10), cancellationToken);
        var elapsed = started.Elapsed;
        var stuck = count - promoted.Count;
        if (!allPromoted)
        {
            Console.WriteLine($"{stuck} of {count} rollouts did not finish within 10 minutes");
        }

        var work = (await op.ScrapeAsync(cancellationToken)).Since(before);
        string[] row =
        [
            Figures.Number(count), Figures.Number(elapsed.TotalSeconds, "0.0") + " s", Figures.Number(evaluator.PeakInFlight),
            Figures.Number(evaluator.Attempts), Figures.Number(stuck),
            Figures.Number((double)work.TotalReconciles / count, "0.0"),
            Figures.Number((double)work.TotalRequests / count, "0.0"),
            Figures.Mb(op.PeakResidentBytes), Figures.Number((op.Cpu - cpuBefore).TotalSeconds, "0.0") + " s",
        ];
        return (row, stuck);
    }

    private static string Tally<TValue>(IReadOnlyDictionary<string, TValue> counts) =>
        counts.Count == 0 ? "none" : string.Join(", ", counts.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key} × {p.Value}"));

    // As kubectl apply of a folder does, but sixteen at a time: the objects arrive together, not one by one.
    private static Task CreateAllAsync(ResourceClient<ModelDeployment> models, IEnumerable<ModelDeployment> objects, CancellationToken cancellationToken) =>
        Parallel.ForEachAsync(
            objects,
            new ParallelOptions { MaxDegreeOfParallelism = 16, CancellationToken = cancellationToken },
            async (model, ct) => await models.CreateAsync(model, ct));
}
