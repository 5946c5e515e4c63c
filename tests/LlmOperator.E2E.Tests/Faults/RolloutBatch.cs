using System.Text.Json.Nodes;
using LlmOperator.Api.V1Alpha1;
using LlmOperator.E2E.Tests.Fixtures;

namespace LlmOperator.E2E.Tests.Faults;

/// <summary>
/// Many ModelDeployments rolled out together under a fault: all made Healthy on a first revision, then all
/// given a second, then checked one by one for the right end. Their pods are simulated
/// (<see cref="TestManifests.SimulatedModel"/>).
/// </summary>
public sealed class RolloutBatch
{
    private readonly TestCluster _cluster;
    private readonly JsonArray _steps;
    private readonly Dictionary<string, string> _firstRevisions;

    private RolloutBatch(TestCluster cluster, JsonArray steps, Dictionary<string, string> firstRevisions)
    {
        _cluster = cluster;
        _steps = steps;
        _firstRevisions = firstRevisions;
    }

    /// <summary>The ModelDeployments' names.</summary>
    public IReadOnlyCollection<string> Names => _firstRevisions.Keys;

    /// <summary>Applies <paramref name="count"/> ModelDeployments with <paramref name="steps"/> and waits until each is Healthy.</summary>
    public static async Task<RolloutBatch> CreateHealthyAsync(TestCluster cluster, int count, JsonArray steps)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        var names = Enumerable.Range(0, count).Select(i => $"model-{i:00}").ToList();
        await cluster.ApplyAsync(List(cluster.Namespace, names, steps, version: 1));
        var first = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var name in names)
        {
            first[name] = (await cluster.WaitForHealthyAsync(name)).Status!.StableRevision!;
        }

        return new RolloutBatch(cluster, steps, first);
    }

    /// <summary>Commits a second revision of every one at once (one kubectl apply of a List).</summary>
    public Task UpdateAllAsync() => _cluster.ApplyAsync(List(_cluster.Namespace, Names, _steps, version: 2));

    /// <summary>
    /// Waits until every one serves its second revision, and checks that nothing was lost or done twice:
    /// the spec is the one applied (generation 2, never written by the operator), the status is for that
    /// generation, the history promotes the second revision exactly once, and the Deployment of the first
    /// revision is scaled to zero.
    /// </summary>
    public async Task AssertAllPromotedAsync(TimeSpan within)
    {
        foreach (var name in Names)
        {
            var done = await _cluster.WaitForModelAsync(
                name,
                m => m.Status?.Phase == RolloutPhase.Healthy && m.Status.CanaryRevision is null
                    && m.Status.StableRevision != _firstRevisions[name] && m.Status.ObservedGeneration == m.Metadata.Generation,
                "promoted its second revision",
                within);
            var second = done.Status!.StableRevision!;
            Assert.Equal(2, done.Metadata.Generation);
            Assert.Equal("v2", Assert.Single(done.Spec.Args!));
            Assert.Single(done.Status.History!, h => h.Revision == second && h.Result == RolloutResult.Promoted);
            Assert.DoesNotContain(done.Status.History!, h => h.Result == RolloutResult.Aborted);
            var deployments = (await _cluster.Deployments.ListAsync(_cluster.Namespace, $"llmoperator.io/model={name}", default)).Items;
            Assert.Equal(2, Assert.Single(deployments, d => d.Metadata.Labels["llmoperator.io/revision"] == second).Spec.Replicas);
            Assert.All(deployments.Where(d => d.Metadata.Labels["llmoperator.io/revision"] != second), d => Assert.Equal(0, d.Spec.Replicas));
        }
    }

    private static JsonObject List(string ns, IEnumerable<string> names, JsonArray steps, int version) =>
        TestManifests.List(names.Select(name => TestManifests.SimulatedModel(ns, name, steps.DeepClone().AsArray(), version)));
}
