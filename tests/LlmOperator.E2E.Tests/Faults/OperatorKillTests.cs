using System.Text.Json.Nodes;
using LlmOperator.E2E.Tests.Fixtures;

namespace LlmOperator.E2E.Tests.Faults;

/// <summary>
/// The operator as a process, killed with SIGKILL at random moments while rollouts run and started
/// again each time: every rollout still ends promoted, once, with nothing lost.
/// </summary>
public sealed class OperatorKillTests(InstalledSandboxFixture sandbox) : IClassFixture<InstalledSandboxFixture>
{
    [Fact]
    public async Task Rollouts_end_promoted_when_the_operator_is_killed_at_random_moments_and_started_again()
    {
        using var cluster = await TestCluster.CreateAsync(sandbox, "kills");
        var operatorProcess = StartOperator(cluster);
        try
        {
            var kills = FaultScale.Pick(6, 20);
            var batch = await RolloutBatch.CreateHealthyAsync(cluster, FaultScale.Pick(4, 10), Steps(kills));
            await batch.UpdateAllAsync();

            // A fixed seed: a failure can be replayed with the same moments.
            var random = new Random(9);
            var midRollout = 0;
            for (var kill = 0; kill < kills; kill++)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(random.Next(500, 3000)));
                await operatorProcess.KillAsync();
                var models = (await cluster.Models.ListAsync(cluster.Namespace, null, default)).Items;
                midRollout += models.Any(m => m.Status?.CanaryRevision is not null || m.Status?.ObservedGeneration != m.Metadata.Generation) ? 1 : 0;
                await operatorProcess.DisposeAsync();
                operatorProcess = StartOperator(cluster);
            }

            await batch.AssertAllPromotedAsync(TestCluster.RolloutTimeout);
            Assert.True(midRollout >= kills / 2, $"only {midRollout} of {kills} kills came while a rollout was under way");
        }
        finally
        {
            await operatorProcess.DisposeAsync();
        }
    }

    // A second of pause per kill, twice: the kills, 0.5 to 3 s apart, land in the middle of the rollouts.
    private static JsonArray Steps(int kills) =>
    [
        new JsonObject { ["setWeight"] = 25 },
        new JsonObject { ["pause"] = new JsonObject { ["duration"] = $"{kills}s" } },
        new JsonObject { ["setWeight"] = 50 },
        new JsonObject { ["pause"] = new JsonObject { ["duration"] = $"{kills}s" } },
    ];

    private LlmopProcess StartOperator(TestCluster cluster) =>
        LlmopProcess.Start("operator", "--kubeconfig", sandbox.KubeconfigPath, "--namespace", cluster.Namespace, "--health-port", "0");
}
