using System.Text.Json.Nodes;
using LlmOperator.Api.V1Alpha1;
using LlmOperator.E2E.Tests.Fixtures;

namespace LlmOperator.E2E.Tests;

/// <summary>llmop promote, abort, retry and status as a user runs them against the operator: each status patch moves the rollout as the planner says.</summary>
public sealed class RolloutCommandsTests(OperatorSandboxFixture sandbox) : IClassFixture<OperatorSandboxFixture>
{
    private static JsonArray Steps() => [new JsonObject { ["setWeight"] = 25 }, TestManifests.Pause(), new JsonObject { ["setWeight"] = 75 }];

    [Fact]
    public async Task Promote_abort_retry_and_promote_full_drive_a_paused_rollout()
    {
        using var cluster = await TestCluster.CreateAsync(sandbox, "commands");
        Task<(int ExitCode, string Output)> Llmop(params string[] args) =>
            LlmopProcess.RunAsync([.. args, "chat", "-n", cluster.Namespace, "--kubeconfig", sandbox.KubeconfigPath]);
        Task<ModelDeployment> PausedAsync(int attempt) => cluster.WaitForModelAsync(
            "chat",
            m => m.Status is { Phase: RolloutPhase.Paused, CurrentStepIndex: 1, CanaryRevision: not null } s && s.Attempt == attempt,
            $"paused at step 2 (attempt {attempt})");
        await cluster.ApplyAsync(TestManifests.MockModel(cluster.Namespace, "chat", Steps()));
        await cluster.WaitForHealthyAsync("chat");

        // A new revision waits at its pause step until promoted.
        await cluster.ApplyAsync(TestManifests.MockModel(cluster.Namespace, "chat", Steps(), args: ["--latency=1"]));
        var second = (await PausedAsync(attempt: 1)).Status!.CanaryRevision!;
        var status = await Llmop("status");
        Assert.True(status.ExitCode == 0, status.Output);
        Assert.Contains("\n  paused   2.  pause (until llmop promote)\n", status.Output, StringComparison.Ordinal);
        var promote = await Llmop("promote");
        Assert.True(promote.ExitCode == 0, promote.Output);
        Assert.Contains($"promoted (the operator continues the rollout of revision {second} after step 2 of 3)", promote.Output, StringComparison.Ordinal);
        await cluster.WaitForHealthyAsync("chat", stableRevision: second);

        // The next one is aborted while paused, retried from the first step, then promoted past its last step.
        await cluster.ApplyAsync(TestManifests.MockModel(cluster.Namespace, "chat", Steps(), args: ["--latency=2"]));
        var third = (await PausedAsync(attempt: 1)).Status!.CanaryRevision!;
        Assert.Equal(0, (await Llmop("abort")).ExitCode);
        var aborted = await cluster.WaitForModelAsync("chat", m => m.Status is { Phase: RolloutPhase.Degraded, Abort: true, CanaryWeight: 0 }, "was aborted");
        Assert.Equal(second, aborted.Status!.StableRevision);
        Assert.Equal((RolloutResult.Aborted, "aborted by llmop abort"), (aborted.Status.History![0].Result, aborted.Status.History[0].Message));
        var refused = await Llmop("promote");
        Assert.Equal(1, refused.ExitCode);
        Assert.Contains("use llmop retry", refused.Output, StringComparison.Ordinal);
        Assert.Equal(0, (await Llmop("retry")).ExitCode);
        Assert.Equal(third, (await PausedAsync(attempt: 2)).Status!.CanaryRevision);
        Assert.Equal(0, (await Llmop("promote", "--full")).ExitCode);
        var done = await cluster.WaitForHealthyAsync("chat", stableRevision: third);
        Assert.Equal((RolloutResult.Promoted, "promoted by llmop promote --full"), (done.Status!.History![0].Result, done.Status.History[0].Message));
    }

    [Fact]
    public async Task An_inconclusive_evaluation_pauses_the_rollout_until_llmop_promote()
    {
        using var cluster = await TestCluster.CreateAsync(sandbox, "inconclusive");
        // More cases asked for than the dataset has: the comparison cannot conclude, whatever the answers.
        await cluster.ApplyAsync(
            TestManifests.Gate(cluster.Namespace, minCases: 100), TestManifests.MockModel(cluster.Namespace, "chat", [TestManifests.Evaluate("answers")]));
        await cluster.WaitForHealthyAsync("chat");

        await cluster.ApplyAsync(TestManifests.MockModel(cluster.Namespace, "chat", [TestManifests.Evaluate("answers")], args: ["--latency=1"]));
        var paused = await cluster.WaitForModelAsync("chat", m => m.Status?.Phase == RolloutPhase.Paused, "paused on the inconclusive evaluation");
        Assert.Equal(PauseReason.InconclusiveEvaluation, Assert.Single(paused.Status!.PauseConditions!).Reason);
        Assert.Contains("fewer than the 100 the gate needs to compare", paused.Status.Message, StringComparison.Ordinal);
        Assert.Equal(EvaluationPhase.Inconclusive, paused.Status.CurrentEvaluation!.Phase);
        Assert.Equal(ConditionStatus.True, Conditions.Find(paused.Status.Conditions, ConditionTypes.Paused)!.Status);

        var promote = await LlmopProcess.RunAsync(["promote", "chat", "-n", cluster.Namespace, "--kubeconfig", sandbox.KubeconfigPath]);
        Assert.True(promote.ExitCode == 0, promote.Output);
        var done = await cluster.WaitForHealthyAsync("chat", stableRevision: paused.Status.CanaryRevision);
        await cluster.WaitForEventAsync("chat", e => e.Reason == "RolloutResumed", "about the resumed rollout");
        Assert.Single(await cluster.RunsOfAsync("chat"), r => r.Spec.Target.Revision == done.Status!.StableRevision);
    }
}
