using System.Diagnostics;
using LlmOperator.Api.V1Alpha1;
using LlmOperator.E2E.Tests.Fixtures;

namespace LlmOperator.E2E.Tests;

/// <summary>
/// Rollouts that want more evaluations at once than the operator allows wait their turn: their runs stay
/// Pending and say they are queued, no more evaluations are in flight at once than the limit, and every
/// rollout finishes.
/// </summary>
public sealed class EvaluationQueueTests(OneEvaluationAtATimeOperatorFixture sandbox) : IClassFixture<OneEvaluationAtATimeOperatorFixture>
{
    private static readonly string[] Models = ["first", "second", "third"];

    [Fact]
    public async Task Rollouts_beyond_the_evaluation_limit_queue_and_all_finish_one_evaluation_at_a_time()
    {
        using var cluster = await TestCluster.CreateAsync(sandbox, "queue");
        await cluster.ApplyAsync(
        [
            TestManifests.Gate(cluster.Namespace),
            .. Models.Select(m => TestManifests.MockModel(cluster.Namespace, m, [TestManifests.Evaluate("answers")], replicas: 1)),
        ]);
        var firstRevisions = new Dictionary<string, string>();
        foreach (var model in Models)
        {
            firstRevisions[model] = (await cluster.WaitForHealthyAsync(model)).Status!.StableRevision!;
        }

        await cluster.ApplyAsync(
            [.. Models.Select(m => TestManifests.MockModel(cluster.Namespace, m, [TestManifests.Evaluate("answers")], args: ["--latency=1"], replicas: 1))]);

        var mostRunning = 0;
        var queued = new HashSet<string>(StringComparer.Ordinal);
        var promoted = new HashSet<string>(StringComparer.Ordinal);
        var clock = Stopwatch.StartNew();
        while (promoted.Count < Models.Length && clock.Elapsed < TimeSpan.FromMinutes(2))
        {
            var runs = (await cluster.Runs.ListAsync(cluster.Namespace, null, default)).Items;
            mostRunning = Math.Max(mostRunning, runs.Count(r => r.Status is { Attempts: > 0, Phase: EvaluationPhase.Pending or EvaluationPhase.Running }));
            queued.UnionWith(runs.Where(r => r.Status?.Verdict?.StartsWith("Queued: ", StringComparison.Ordinal) == true).Select(r => r.Metadata.Name));

            foreach (var model in (await cluster.Models.ListAsync(cluster.Namespace, null, default)).Items)
            {
                if (model.Status is { Phase: RolloutPhase.Healthy, CanaryRevision: null } status
                    && status.StableRevision != firstRevisions[model.Metadata.Name])
                {
                    promoted.Add(model.Metadata.Name);
                }
            }

            await Task.Delay(TimeSpan.FromMilliseconds(50));
        }

        Assert.Equal(Models.Order(), promoted.Order());
        Assert.Equal(1, mostRunning);
        Assert.NotEmpty(queued);
        Assert.All(
            (await cluster.Runs.ListAsync(cluster.Namespace, null, default)).Items,
            r => Assert.Equal((EvaluationPhase.Passed, 1), (r.Status!.Phase!.Value, r.Status.Attempts!.Value)));
    }
}
