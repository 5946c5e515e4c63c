using LlmOperator.Api.V1Alpha1;
using LlmOperator.E2E.Tests.Fixtures;
using LlmOperator.Testing;

namespace LlmOperator.E2E.Tests;

/// <summary>
/// The operator as a process, killed with SIGKILL at every step of a rollout and started again: each
/// time the new process continues the same rollout from the API state, and no finished evaluation is
/// run again.
/// </summary>
public sealed class OperatorRestartTests(InstalledSandboxFixture sandbox) : IClassFixture<InstalledSandboxFixture>
{
    [Fact]
    public async Task An_operator_killed_at_each_step_continues_the_same_rollout_without_repeating_an_evaluation()
    {
        using var cluster = await TestCluster.CreateAsync(sandbox, "restart");
        var steps = TestManifests.EvaluateWeightPauseEvaluate();
        steps[2]!["pause"]!["duration"] = "4s";
        await cluster.ApplyAsync(TestManifests.Gate(cluster.Namespace), TestManifests.MockModel(cluster.Namespace, "chat", steps.DeepClone().AsArray()));
        var operatorProcess = StartOperator(cluster);
        try
        {
            var first = (await cluster.WaitForHealthyAsync("chat")).Status!.StableRevision;
            await cluster.ApplyAsync(TestManifests.MockModel(cluster.Namespace, "chat", steps.DeepClone().AsArray(), args: ["--latency=1"]));

            // Killed as soon as the first evaluation exists, while it runs, during the pause, and at the second evaluation.
            foreach (var (what, reached) in new (string, Func<ModelDeployment, IReadOnlyList<EvaluationRun>, bool>)[]
            {
                ("created the first evaluation", (_, runs) => runs.Any(r => r.Metadata.Name.EndsWith("-s0-answers", StringComparison.Ordinal))),
                ("paused at step 3", (m, _) => m.Status?.CurrentStepIndex == 2),
                ("created the second evaluation", (_, runs) => runs.Any(r => r.Metadata.Name.EndsWith("-s3-answers", StringComparison.Ordinal))),
            })
            {
                Assert.True(
                    await Eventually.Async(
                        async () => reached(await cluster.ModelAsync("chat"), await cluster.RunsOfAsync("chat")), TestCluster.RolloutTimeout),
                    $"the operator never {what}: {operatorProcess.Output}");
                await operatorProcess.DisposeAsync();
                operatorProcess = StartOperator(cluster);
            }

            var done = await cluster.WaitForHealthyAsync("chat");
            var second = done.Status!.StableRevision!;
            Assert.NotEqual(first, second);
            Assert.Single(done.Status.History!, h => h.Revision == second && h.Result == RolloutResult.Promoted);

            var runs = (await cluster.RunsOfAsync("chat")).Where(r => r.Spec.Target.Revision == second).OrderBy(r => r.Metadata.Name).ToList();
            Assert.Equal([$"chat-{second}-1-s0-answers", $"chat-{second}-1-s3-answers"], runs.Select(r => r.Metadata.Name));
            Assert.All(runs, r => Assert.Equal((EvaluationPhase.Passed, 1), (r.Status!.Phase!.Value, r.Status.Attempts!.Value)));
            foreach (var run in runs)
            {
                Assert.Single((await cluster.Jobs.ListAsync(cluster.Namespace, $"llmoperator.io/evaluation-run={run.Metadata.Name}", default)).Items);
            }
        }
        finally
        {
            await operatorProcess.DisposeAsync();
        }
    }

    private LlmopProcess StartOperator(TestCluster cluster) =>
        LlmopProcess.Start("operator", "--kubeconfig", sandbox.KubeconfigPath, "--namespace", cluster.Namespace, "--health-port", "0");
}
