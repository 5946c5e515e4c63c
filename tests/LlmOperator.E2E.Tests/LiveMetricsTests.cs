using LlmOperator.Api.V1Alpha1;
using LlmOperator.E2E.Tests.Fixtures;
using LlmOperator.Kubernetes.Access;

namespace LlmOperator.E2E.Tests;

/// <summary>
/// Rollouts of config/samples/live-metrics against a real Prometheus: at 50% the canary is judged on its answers and
/// on what its traffic shows (its time to first token and error rate against the stable revision's, with the gate's
/// load through the main Service), so a canary that answers as well but is slow to start answering is rolled back.
/// </summary>
public sealed class LiveMetricsTests(LiveMetricsSandboxFixture sandbox) : IClassFixture<LiveMetricsSandboxFixture>
{
    private async Task<(TestCluster Cluster, string Stable)> StartAsync(string prefix)
    {
        var cluster = await TestCluster.CreateAsync(sandbox, prefix);
        foreach (var file in new[] { "evaluationgate-first-token.yaml", "modeldeployment-chat-live.yaml" })
        {
            var yaml = (await File.ReadAllTextAsync(Testing.RepositoryPaths.Combine("config", "samples", "live-metrics", file)))
                .Replace("http://127.0.0.1:9090", sandbox.Prometheus.Address, StringComparison.Ordinal);
            var applied = await cluster.Kubectl.RunAsync(["apply", "-n", cluster.Namespace, "-f", "-"], yaml, TimeSpan.FromSeconds(60));
            Assert.True(applied.ExitCode == 0, $"kubectl apply failed: {applied.Error}{applied.Output}");
        }

        return (cluster, (await cluster.WaitForHealthyAsync("chat-live")).Status!.StableRevision!);
    }

    private static async Task<EvaluationRun> RunOfAsync(TestCluster cluster, string revision) =>
        Assert.Single(await cluster.RunsOfAsync("chat-live"), r => r.Spec.Target.Revision == revision);

    [Fact]
    public async Task A_canary_slow_to_its_first_token_is_rolled_back_while_its_answers_pass()
    {
        var (cluster, stable) = await StartAsync("slow");
        using var _ = cluster;

        // 1.5 s rather than the README's 400 ms: on a loaded machine the stable revision's own first tokens slow down too, and the
        // ratio of the two p90s must stay above the failure threshold of 4 (vLLM's buckets put 1.5 s at a p90 of 2.35 s).
        await cluster.KubectlAsync("patch", "md", "chat-live", "--type", "merge", "-p", """{"spec":{"args":["--latency=1500"]}}""");
        var degraded = await cluster.WaitForModelAsync("chat-live", m => m.Status?.Phase == RolloutPhase.Degraded, "was rolled back");

        var status = degraded.Status!;
        Assert.True(status.Abort);
        Assert.Equal((0, stable), (status.CanaryWeight, status.StableRevision));
        var condition = Conditions.Find(status.Conditions, ConditionTypes.Degraded)!;
        Assert.Equal("EvaluationFailed", condition.Reason);
        Assert.Contains("gate first-token failed: metric ttft-p90-ratio failed", condition.Message, StringComparison.Ordinal);
        var main = await cluster.Services.GetAsync(new ObjectKey(cluster.Namespace, "chat-live"), default);
        Assert.Equal(stable, main!.Spec.Selector[WellKnownLabels.Revision]);

        var run = await RunOfAsync(cluster, status.CanaryRevision!);
        Assert.Equal(EvaluationPhase.Failed, run.Status!.Phase);
        // Its answers were as good as the stable revision's: only the live half failed.
        Assert.Equal(1.0, run.Status.Summary!.PassRate);
        var ttft = Assert.Single(run.Status.Metrics!, m => m.Name == "ttft-p90-ratio");
        Assert.Equal(EvaluationPhase.Failed, ttft.Phase);
        Assert.Contains($"llmoperator_revision=\"{status.CanaryRevision}\"", ttft.Query, StringComparison.Ordinal);
        Assert.Contains(
            ttft.Measurements!, m => m.Phase == MeasurementPhase.Failed && double.Parse(m.Value!, System.Globalization.CultureInfo.InvariantCulture) > 4);
        Assert.Equal(EvaluationPhase.Passed, Assert.Single(run.Status.Metrics!, m => m.Name == "error-rate").Phase);
    }

    [Fact]
    public async Task A_canary_as_quick_as_the_stable_revision_is_promoted_on_answers_and_metrics()
    {
        var (cluster, _) = await StartAsync("quick");
        using var _ = cluster;

        await cluster.KubectlAsync("patch", "md", "chat-live", "--type", "merge", "-p", """{"spec":{"args":["--latency=21"]}}""");
        var canary = (await cluster.WaitForModelAsync("chat-live", m => m.Status?.CanaryRevision is not null, "started a rollout")).Status!.CanaryRevision!;
        await cluster.WaitForHealthyAsync("chat-live", stableRevision: canary);

        var run = await RunOfAsync(cluster, canary);
        Assert.Equal(EvaluationPhase.Passed, run.Status!.Phase);
        Assert.All(run.Status.Metrics!, m => Assert.Equal(EvaluationPhase.Passed, m.Phase));
        Assert.All(run.Status.Metrics!, m => Assert.True(m.Successful >= 2, $"{m.Name}: {m.Message}"));
        Assert.Equal(["error-rate", "ttft-p90-ratio"], run.Status.Metrics!.Select(m => m.Name).Order(StringComparer.Ordinal));
        Assert.Contains("metric ttft-p90-ratio passed", run.Status.Verdict, StringComparison.Ordinal);
    }
}
