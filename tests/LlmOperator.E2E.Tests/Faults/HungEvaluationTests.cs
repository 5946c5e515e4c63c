using LlmOperator.Api.V1Alpha1;
using LlmOperator.E2E.Tests.Fixtures;
using LlmOperator.Testing;

namespace LlmOperator.E2E.Tests.Faults;

/// <summary>
/// An evaluation Job that hangs (its first call to the API server never returns) is stopped at its
/// deadline, counted as an attempt that ended in Error, and run again; the second attempt's verdict
/// promotes the rollout.
/// </summary>
public sealed class HungEvaluationTests(ShortDeadlineOperatorSandboxFixture sandbox) : IClassFixture<ShortDeadlineOperatorSandboxFixture>
{
    [Fact]
    public async Task An_evaluation_that_hangs_past_its_deadline_is_stopped_and_the_retry_promotes_the_rollout()
    {
        using var cluster = await TestCluster.CreateAsync(sandbox, "hung");
        var gate = TestManifests.Gate(cluster.Namespace);
        // Long enough for an evaluation process to start and finish on a loaded machine, short enough to wait out once.
        gate["spec"]!["execution"]!["timeout"] = "20s";
        await cluster.ApplyAsync(gate, TestManifests.MockModel(cluster.Namespace, "chat", [TestManifests.Evaluate("answers")], replicas: 1));
        var first = (await cluster.WaitForHealthyAsync("chat")).Status!.StableRevision;

        sandbox.Server.Faults.SetLatency(TimeSpan.FromMinutes(10), userAgentContains: "llmop-eval/");
        try
        {
            await cluster.ApplyAsync(
                TestManifests.MockModel(cluster.Namespace, "chat", [TestManifests.Evaluate("answers")], args: ["--latency=1"], replicas: 1));
            var stopped = await Eventually.Async(async () => (await cluster.Jobs.ListAsync(cluster.Namespace, null, default)).Items
                .Any(j => j.Status?.Conditions?.Any(c => c.Type == "Failed" && c.Reason == "DeadlineExceeded") == true), TimeSpan.FromMinutes(2));
            Assert.True(stopped, "the hung evaluation Job was never stopped at its deadline");
        }
        finally
        {
            sandbox.Server.Faults.Clear();
        }

        var promoted = await cluster.WaitForModelAsync(
            "chat",
            m => m.Status?.Phase == RolloutPhase.Healthy && m.Status.CanaryRevision is null && m.Status.StableRevision != first,
            "was promoted");
        var run = Assert.Single(await cluster.RunsOfAsync("chat"), r => r.Spec.Target.Revision == promoted.Status!.StableRevision);
        // At least two attempts: on a loaded machine the retry may start (and hang too) before the fault is cleared.
        Assert.Equal(EvaluationPhase.Passed, run.Status!.Phase!.Value);
        Assert.True(run.Status.Attempts >= 2, $"the run passed in {run.Status.Attempts} attempt(s): the hung one was not counted");
        var failure = await cluster.WaitForEventAsync(run.Metadata.Name, e => e.Reason == "EvaluationJobFailed", "EvaluationJobFailed");
        Assert.Contains("ran past its deadline", failure.Message, StringComparison.Ordinal);
    }
}
