using k8s;
using LlmOperator.Api.V1Alpha1;
using LlmOperator.E2E.Tests.Fixtures;

namespace LlmOperator.E2E.Tests.Faults;

/// <summary>
/// An operator whose clock is ten minutes behind the API server's: it keeps its Lease, renewing it every
/// retry period without a single transition, and it times the backoff before an evaluation's retry from
/// the time it recorded on its own clock, not from the Job's times (the API server's clock), so that a
/// crashing evaluation is retried and given up on in seconds, not ten minutes.
/// </summary>
public sealed class ClockSkewTests(SkewedOperatorSandboxFixture sandbox) : IClassFixture<SkewedOperatorSandboxFixture>
{
    [Fact]
    public async Task An_operator_ten_minutes_behind_the_api_server_keeps_its_lease_and_retries_a_crashed_evaluation_in_seconds()
    {
        using var cluster = await TestCluster.CreateAsync(sandbox, "skew");
        var steps = new System.Text.Json.Nodes.JsonArray(TestManifests.Evaluate("answers", onInconclusive: "fail"));
        await cluster.ApplyAsync(
            TestManifests.Gate(cluster.Namespace), TestManifests.MockModel(cluster.Namespace, "chat", steps.DeepClone().AsArray(), replicas: 1));
        await cluster.WaitForHealthyAsync("chat");
        var leaseBefore = await sandbox.Client.CoordinationV1.ReadNamespacedLeaseAsync("llm-operator-leader", OperatorSandboxFixture.OperatorNamespace);
        var start = DateTimeOffset.UtcNow;

        // The Job's first request, reading its run, fails: each attempt's llmop eval exits without an outcome.
        sandbox.Server.Faults.FailRandomly(1.0, 500, "GET", $"/namespaces/{cluster.Namespace}/evaluationruns/");
        try
        {
            await cluster.ApplyAsync(TestManifests.MockModel(cluster.Namespace, "chat", steps.DeepClone().AsArray(), args: ["--latency=1"], replicas: 1));
            var degraded = await cluster.WaitForModelAsync(
                "chat", m => m.Status?.Phase == RolloutPhase.Degraded, "gave up on the crashing evaluation", within: TimeSpan.FromMinutes(2));
            Assert.Contains("all 3 attempts used", Conditions.Find(degraded.Status!.Conditions, ConditionTypes.Degraded)!.Message, StringComparison.Ordinal);
        }
        finally
        {
            sandbox.Server.Faults.Clear();
        }

        var elapsed = DateTimeOffset.UtcNow - start;
        var leaseAfter = await sandbox.Client.CoordinationV1.ReadNamespacedLeaseAsync("llm-operator-leader", OperatorSandboxFixture.OperatorNamespace);
        Assert.Equal(
            (SkewedOperatorSandboxFixture.Identity, leaseBefore.Spec.LeaseTransitions),
            (leaseAfter.Spec.HolderIdentity, leaseAfter.Spec.LeaseTransitions));
        Assert.True(leaseAfter.Spec.RenewTime > leaseBefore.Spec.RenewTime, "the Lease was not renewed");
        var renewals = OperatorRequests.Since(sandbox.Server.Requests, start).Where(r => OperatorRequests.IsLease(r) && OperatorRequests.IsWrite(r)).ToList();
        Assert.All(renewals, r => Assert.Equal(200, r.Status));
        Assert.True(renewals.Count >= elapsed.TotalSeconds / 2, $"{renewals.Count} renewals in {elapsed.TotalSeconds:0} s with a retry period of 1 s");
    }
}
