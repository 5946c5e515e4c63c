using System.Text.Json.Nodes;
using LlmOperator.E2E.Tests.Fixtures;

namespace LlmOperator.E2E.Tests.Faults;

/// <summary>Rollouts while the API server closes every watch every two seconds: the informers watch again and nothing is missed.</summary>
public sealed class DroppedWatchTests(OperatorSandboxFixture sandbox) : IClassFixture<OperatorSandboxFixture>
{
    [Fact]
    public async Task Rollouts_end_promoted_while_the_api_server_drops_every_watch_every_two_seconds()
    {
        using var cluster = await TestCluster.CreateAsync(sandbox, "watchdrops");
        var batch = await RolloutBatch.CreateHealthyAsync(cluster, FaultScale.Pick(8, 50), Steps());
        var watchesBefore = OperatorWatches().Count;
        sandbox.Server.Faults.DropWatchesEvery(TimeSpan.FromSeconds(2));
        try
        {
            await batch.UpdateAllAsync();
            await batch.AssertAllPromotedAsync(TestCluster.RolloutTimeout);

            // The fault was real: the log keeps a watch when it ends, and the rollouts (longer than two drops)
            // saw each of the operator's watches end at least twice.
            var watches = OperatorWatches();
            var kinds = watches.Select(r => r.Path).Distinct(StringComparer.Ordinal).Count();
            Assert.True(
                watches.Count - watchesBefore >= 2 * kinds,
                $"{watches.Count - watchesBefore} watches of {kinds} kinds ended: the drops did not reach the operator");
        }
        finally
        {
            sandbox.Server.Faults.Clear();
        }
    }

    private List<LlmOperator.Sandbox.Api.RequestRecord> OperatorWatches() =>
        [.. sandbox.Server.Requests.Snapshot().Where(r => r.Verb == "watch" && OperatorRequests.IsOperator(r))];

    private static JsonArray Steps() => [new JsonObject { ["setWeight"] = 50 }, new JsonObject { ["pause"] = new JsonObject { ["duration"] = "5s" } }];
}
