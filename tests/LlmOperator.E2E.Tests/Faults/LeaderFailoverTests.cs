using System.Text.Json.Nodes;
using k8s;
using LlmOperator.E2E.Tests.Fixtures;

namespace LlmOperator.E2E.Tests.Faults;

/// <summary>
/// Two operator processes under leader election. The leader is killed with SIGKILL in the middle of the
/// rollouts; the standby takes the Lease once it expires and finishes them. The sandbox's request log,
/// where each replica's User-Agent carries its identity, shows that the two never wrote in the same term.
/// </summary>
public sealed class LeaderFailoverTests(InstalledSandboxFixture sandbox) : IClassFixture<InstalledSandboxFixture>
{
    [Fact]
    public async Task The_standby_finishes_the_rollouts_of_a_killed_leader_and_the_two_never_write_in_the_same_term()
    {
        using var cluster = await TestCluster.CreateAsync(sandbox, "failover");
        var start = DateTimeOffset.UtcNow;
        await using var first = StartReplica(cluster);
        await using var second = StartReplica(cluster);
        var replicas = new[] { first, second };
        var batch = await RolloutBatch.CreateHealthyAsync(cluster, FaultScale.Pick(3, 10), Steps());
        await batch.UpdateAllAsync();
        await cluster.WaitForModelAsync(batch.Names.First(), m => m.Status?.CurrentStepIndex >= 1 && m.Status.CanaryRevision is not null, "reached its pause");

        var lease = await sandbox.Client.CoordinationV1.ReadNamespacedLeaseAsync("llm-operator-leader", "default");
        var leaderIdentity = lease.Spec.HolderIdentity;
        var leader = Assert.Single(replicas, r => r.Output.Contains($"{leaderIdentity} leads through Lease", StringComparison.Ordinal));
        var standby = replicas.Single(r => r != leader);
        await leader.KillAsync();
        var killed = DateTimeOffset.UtcNow;

        await batch.AssertAllPromotedAsync(TestCluster.RolloutTimeout);
        var requests = OperatorRequests.Since(sandbox.Server.Requests, start);
        var byIdentity = requests.GroupBy(r => OperatorRequests.Identity(r) ?? "").ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        Assert.Equal(2, byIdentity.Count);
        Assert.DoesNotContain("", byIdentity.Keys);
        var standbyIdentity = byIdentity.Keys.Single(k => k != leaderIdentity);
        Assert.Contains($"{standbyIdentity} leads through Lease", standby.Output, StringComparison.Ordinal);

        // The standby wrote nothing but Lease attempts before the leader died, and never held the Lease (a successful
        // Lease write) while the leader lived; nothing of the leader's reached the server once the standby held it. (The
        // server stamps a request when it reads it: one the leader sent just before SIGKILL may be read a moment after.)
        var leaderWrites = byIdentity[leaderIdentity!].Where(OperatorRequests.IsWrite).ToList();
        var standbyWrites = byIdentity[standbyIdentity].Where(OperatorRequests.IsWrite).ToList();
        Assert.Contains(leaderWrites, r => !OperatorRequests.IsLease(r));
        Assert.DoesNotContain(standbyWrites, r => r.Time < killed && (!OperatorRequests.IsLease(r) || r.Status < 300));
        var takeover = standbyWrites.Where(r => OperatorRequests.IsLease(r) && r.Status < 300).Min(r => r.Time);
        Assert.All(leaderWrites, r => Assert.True(r.Time < takeover, $"the killed leader wrote {r.Verb} {r.Path} in the standby's term ({r.Status})"));
        Assert.All(
            standbyWrites.Where(r => !OperatorRequests.IsLease(r)),
            r => Assert.True(r.Time >= takeover, $"the standby wrote {r.Verb} {r.Path} before it held the Lease"));
        Assert.Contains(standbyWrites, r => !OperatorRequests.IsLease(r));
    }

    // The pause outlasts the Lease (15 s): the rollouts are still under way when the standby takes over.
    private static JsonArray Steps() =>
    [
        new JsonObject { ["setWeight"] = 50 },
        new JsonObject { ["pause"] = new JsonObject { ["duration"] = "20s" } },
    ];

    private LlmopProcess StartReplica(TestCluster cluster) =>
        LlmopProcess.Start("operator", "--kubeconfig", sandbox.KubeconfigPath, "--namespace", cluster.Namespace, "--health-port", "0", "--leader-elect");
}
