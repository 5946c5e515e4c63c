using LlmOperator.Api.V1Alpha1;
using LlmOperator.E2E.Tests.Fixtures;

namespace LlmOperator.E2E.Tests.Faults;

/// <summary>
/// An evaluation whose candidate endpoint answers 503 with Retry-After for a while: the evaluator retries
/// within its gate's budget, the verdict is the model's and not the outage's, and no Job is run twice.
/// (Jobs that crash or time out are in <see cref="EvaluationFailureTests"/>.)
/// </summary>
public sealed class UnavailableEndpointTests(OperatorSandboxFixture sandbox) : IClassFixture<OperatorSandboxFixture>
{
    [Fact]
    public async Task An_endpoint_that_answers_503_for_a_while_is_retried_and_the_rollout_is_promoted()
    {
        using var cluster = await TestCluster.CreateAsync(sandbox, "unavailable");
        var gate = TestManifests.Gate(cluster.Namespace);
        gate["spec"]!["execution"]!["retries"] = 3;
        await cluster.ApplyAsync(gate, TestManifests.MockModel(cluster.Namespace, "chat", [TestManifests.Evaluate("answers")]));
        var first = (await cluster.WaitForHealthyAsync("chat")).Status!.StableRevision;

        // Twelve failures against eight cases at a time: every case meets at most two, one less than its retries.
        sandbox.Server.Faults.FailServiceRequests("chat-canary", cluster.Namespace, 12);
        try
        {
            await cluster.ApplyAsync(TestManifests.MockModel(cluster.Namespace, "chat", [TestManifests.Evaluate("answers")], args: ["--latency=1"]));
            var promoted = await cluster.WaitForModelAsync("chat", m => m.Status?.Phase == RolloutPhase.Healthy && m.Status.CanaryRevision is null
                && m.Status.StableRevision != first, "was promoted");

            Assert.Equal(0, sandbox.Server.Faults.ServiceFailuresLeft("chat-canary", cluster.Namespace));
            var run = Assert.Single(await cluster.RunsOfAsync("chat"), r => r.Spec.Target.Revision == promoted.Status!.StableRevision);
            Assert.Equal((EvaluationPhase.Passed, 1), (run.Status!.Phase!.Value, run.Status.Attempts!.Value));
        }
        finally
        {
            sandbox.Server.Faults.Clear();
        }
    }
}
