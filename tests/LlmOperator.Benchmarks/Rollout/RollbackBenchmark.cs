using System.Diagnostics;
using System.Text.Json.Nodes;
using k8s;
using k8s.Models;
using LlmOperator.Api.V1Alpha1;
using LlmOperator.Benchmarks.Runtime;
using LlmOperator.Controllers.Hosting;
using LlmOperator.Controllers.ModelDeployments;
using LlmOperator.Kubernetes.Access;
using LlmOperator.Kubernetes.Hosting;
using Microsoft.Extensions.Logging;

namespace LlmOperator.Benchmarks.Rollout;

/// <summary>
/// How fast the operator acts on a rollout: from a new revision accepted by the API server to its canary
/// Deployment created, and from the evaluation Job ended with a Failed outcome to the ModelDeployment at
/// canary weight 0 and Degraded, over N rollouts one after another. The operator runs in this process
/// against a sandbox in another, which simulates the Jobs; the benchmark reports each Failed outcome in
/// the run's results ConfigMap itself (as the Job would), so that the figures are the operator's
/// reaction (reading the outcome, writing the run's verdict, aborting) and not an evaluation's length.
/// </summary>
public static class RollbackBenchmark
{
    private const string Namespace = "bench";

    public static async Task<int> RunAsync(int rollouts, CancellationToken cancellationToken)
    {
        await using var sandbox = await SandboxProcess.StartAsync(cancellationToken, "config/crd/bases");
        var config = KubernetesClientConfiguration.BuildConfigFromConfigFile(sandbox.KubeconfigPath);
        using var client = new k8s.Kubernetes(config);
        await client.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = Namespace } }, cancellationToken: cancellationToken);
        var models = new ResourceClient<ModelDeployment>(client);
        var runs = new ResourceClient<EvaluationRun>(client);
        await new ResourceClient<EvaluationGate>(client).CreateAsync(Gate(), cancellationToken);

        var builder = OperatorHost.CreateBuilder(
            o => (o.Kubeconfig, o.HealthPort) = (sandbox.KubeconfigPath, 0),
            // Jobs of an image the sandbox does not run as llmop are only simulated: the benchmark reports their outcomes.
            o => o.AddLlmOperatorControllers(c => c.OperatorImage = "bench.invalid/llmop:0"));
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        using var app = builder.Build();
        await app.StartAsync(cancellationToken);

        await using var modelWatch = await NamespaceWatch<ModelDeployment>.StartAsync(models, Namespace, cancellationToken);
        await using var deploymentWatch = await NamespaceWatch<V1Deployment>.StartAsync(new ResourceClient<V1Deployment>(client), Namespace, cancellationToken);
        await using var runWatch = await NamespaceWatch<EvaluationRun>.StartAsync(runs, Namespace, cancellationToken);
        await using var jobWatch = await NamespaceWatch<V1Job>.StartAsync(new ResourceClient<V1Job>(client), Namespace, cancellationToken);
        var configMaps = new ResourceClient<V1ConfigMap>(client);
        var toCanary = new List<double>();
        var toRollback = new List<double>();
        var verdictToRollback = new List<double>();
        for (var i = 0; i < rollouts; i++)
        {
            var name = $"model-{i:000}";
            await models.CreateAsync(Model(name, "v1"), cancellationToken);
            await modelWatch.WaitAsync(m => m.Metadata.Name == name && m.Status?.Phase == RolloutPhase.Healthy);

            var canary = $"{name}-{Revision.Of(Model(name, "v2").Spec)}";
            var canaryCreated = deploymentWatch.WaitAsync(d => d.Metadata.Name == canary);
            await models.PatchAsync(
                new ObjectKey(Namespace, name), new JsonObject { ["spec"] = new JsonObject { ["args"] = new JsonArray("v2") } }, cancellationToken);
            var accepted = Stopwatch.GetTimestamp();
            toCanary.Add(Stopwatch.GetElapsedTime(accepted, await canaryCreated).TotalMilliseconds);

            await runWatch.WaitAsync(r => r.Spec.Target.Name == name);
            var run = (await runs.ListAsync(Namespace, $"llmoperator.io/model={name}", cancellationToken)).Items.Single();
            var rolledBack = modelWatch.WaitAsync(m => m.Metadata.Name == name && m.Status?.Phase == RolloutPhase.Degraded && m.Status.CanaryWeight == 0);
            var ended = jobWatch.WaitAsync(j => j.Metadata.Name == $"{run.Metadata.Name}-1"
                && j.Status?.Conditions?.Any(c => c.Type == "Complete" && c.Status == "True") == true);
            // Reported before the simulated Job ends (it runs the sandbox's 200 ms), as llmop eval reports before it exits.
            await configMaps.CreateAsync(FailedOutcome(run), cancellationToken);
            var judged = runWatch.WaitAsync(r => r.Metadata.Name == run.Metadata.Name && r.Status?.Phase == EvaluationPhase.Failed);
            var degradedAt = await rolledBack;
            toRollback.Add(Stopwatch.GetElapsedTime(await ended, degradedAt).TotalMilliseconds);
            verdictToRollback.Add(Stopwatch.GetElapsedTime(await judged, degradedAt).TotalMilliseconds);
        }

        await app.StopAsync(cancellationToken);
        Console.WriteLine($"{rollouts} rollouts, one after another; operator in this process, sandbox in another");
        MarkdownTable.Print(
            ["measure", "p50", "p99", "max"],
            [
                Row("new revision accepted → canary Deployment created", toCanary),
                Row("evaluation Job ended with a Failed outcome → canary weight 0 and Degraded", toRollback),
                Row("run's Failed verdict written by the operator → canary weight 0 and Degraded", verdictToRollback),
            ]);
        var rollback = Row("", toRollback);
        KeyFigures.Record("Rollback", "evaluation Job ended Failed → canary at weight 0 (p50 / p99)", $"{rollback[1]} / {rollback[2]}", "-");
        return 0;
    }

    private static string[] Row(string measure, List<double> millis)
    {
        var sorted = millis.Order().ToList();
        return [measure, Ms(Percentile(sorted, 0.50)), Ms(Percentile(sorted, 0.99)), Ms(sorted[^1])];
    }

    private static double Percentile(List<double> sorted, double p) => sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Count) - 1, 0, sorted.Count - 1)];

    private static string Ms(double value) => Figures.Number(value, "0.0") + " ms";

    private static V1ConfigMap FailedOutcome(EvaluationRun run) => new()
    {
        ApiVersion = "v1",
        Kind = "ConfigMap",
        Metadata = new V1ObjectMeta { Name = RunResults.ConfigMapName(run.Metadata.Name), NamespaceProperty = Namespace },
        Data = new Dictionary<string, string>
        {
            [RunResults.OutcomeKey] = KubernetesJson.Serialize(new EvaluationOutcome
            {
                Attempt = 1,
                Phase = EvaluationPhase.Failed,
                Verdict = "Failed: pass rate 0.50 is below minPassRate 0.80",
                StartedAt = DateTime.UtcNow,
                CompletedAt = DateTime.UtcNow,
            }),
        },
    };

    private static EvaluationGate Gate() => new()
    {
        Metadata = new V1ObjectMeta { Name = "quality", NamespaceProperty = Namespace },
        Spec = new EvaluationGateSpec
        {
            Dataset = new Dataset
            {
                Cases = [new EvaluationCase { Id = "one", Messages = [new PromptMessage { Role = MessageRole.User, Content = "hi" }] }],
            },
        },
    };

    private static ModelDeployment Model(string name, string version) => new()
    {
        Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = Namespace },
        Spec = new ModelDeploymentSpec
        {
            Model = new ModelSource { Name = "bench-model" },
            Engine = InferenceEngine.Custom,
            Image = "bench.invalid/model:1",
            Replicas = 1,
            Args = [version],
            Rollout = new RolloutStrategy { Steps = [new RolloutStep { Evaluate = new EvaluateStep { Gates = ["quality"] } }], AbortScaleDownDelaySeconds = 0 },
        },
    };
}
