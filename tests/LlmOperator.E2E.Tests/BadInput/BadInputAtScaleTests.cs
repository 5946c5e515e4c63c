using System.Text;
using System.Text.Json.Nodes;
using LlmOperator.Api.V1Alpha1;
using LlmOperator.E2E.Tests.Faults;
using LlmOperator.E2E.Tests.Fixtures;
using LlmOperator.Testing;

namespace LlmOperator.E2E.Tests.BadInput;

/// <summary>
/// More than two hundred invalid objects applied at once with valid ones, against the operator as a
/// process: each invalid one is refused by the API server or gets a Degraded condition with its reason,
/// each valid rollout is promoted, and the operator neither ends nor grows without bound.
/// </summary>
public sealed class BadInputAtScaleTests(InstalledSandboxFixture sandbox) : IClassFixture<InstalledSandboxFixture>
{
    // Far above the operator's own footprint (about 150 MB with this corpus), far below a leak's.
    private const long MemoryBound = 600L * 1024 * 1024;

    [Fact]
    public async Task Every_invalid_object_is_refused_or_answered_with_a_condition_and_every_valid_rollout_completes_with_the_same_operator()
    {
        using var cluster = await TestCluster.CreateAsync(sandbox, "badinput");
        var ns = cluster.Namespace;
        await using var operatorProcess = LlmopProcess.Start("operator", "--kubeconfig", sandbox.KubeconfigPath, "--namespace", ns, "--health-port", "0");
        await cluster.ApplyAsync(TestManifests.PromptGate(ns), TestManifests.SimulatedModel(ns, BadInputCorpus.ModelName, []));
        await cluster.WaitForHealthyAsync(BadInputCorpus.ModelName);
        var valid = await RolloutBatch.CreateHealthyAsync(
            cluster,
            FaultScale.Pick(10, 40),
            [new JsonObject { ["setWeight"] = 50 }, new JsonObject { ["pause"] = new JsonObject { ["duration"] = "1s" } }]);

        var copies = FaultScale.Pick(1, 5);
        var rejected = BadInputCorpus.Rejected(ns, 7 * copies);
        var degraded = BadInputCorpus.Degraded(ns, 17 * copies, modelVersion: 2);
        Assert.True(rejected.Count + degraded.Count >= 200, $"the corpus has only {rejected.Count + degraded.Count} invalid objects");

        // A ModelDeployment's first revision runs no steps: its broken reference shows on the second.
        var brokenModels = BadInputCorpus.Degraded(ns, 17 * copies, modelVersion: 1).Where(d => d.Kind == "ModelDeployment").ToList();
        await cluster.ApplyAsync(TestManifests.List(brokenModels.Select(d => d.Manifest)));
        foreach (var model in brokenModels)
        {
            await cluster.WaitForHealthyAsync(model.Name);
        }

        // All at once: the refused ones posted in parallel, the others in one kubectl apply, the valid ones' second revisions.
        var posts = rejected.Select(PostAsync).ToList();
        await cluster.ApplyAsync(TestManifests.List(degraded.Select(d => d.Manifest)));
        await valid.UpdateAllAsync();
        var refusals = await Task.WhenAll(posts);

        Assert.All(rejected.Zip(refusals), pair =>
        {
            var (bad, (code, message)) = pair;
            Assert.True(code is 400 or 422 && message.Contains(bad.Names, StringComparison.Ordinal), $"{bad.Plural} {bad.Name}: {code} {message}");
        });
        var stored = new HashSet<string>(StringComparer.Ordinal);
        stored.UnionWith((await cluster.Models.ListAsync(ns, null, default)).Items.Select(m => m.Metadata.Name));
        stored.UnionWith((await cluster.Prompts.ListAsync(ns, null, default)).Items.Select(p => p.Metadata.Name));
        Assert.DoesNotContain(rejected, r => stored.Contains(r.Name));

        var conditions = new Dictionary<string, Condition?>(StringComparer.Ordinal);
        var answered = await Eventually.Async(async () =>
        {
            foreach (var model in (await cluster.Models.ListAsync(ns, null, default)).Items)
            {
                conditions[model.Metadata.Name] = Conditions.Find(model.Status?.Conditions, ConditionTypes.Degraded);
            }

            foreach (var prompt in (await cluster.Prompts.ListAsync(ns, null, default)).Items)
            {
                conditions[prompt.Metadata.Name] = Conditions.Find(prompt.Status?.Conditions, ConditionTypes.Degraded);
            }

            return degraded.All(d => conditions.GetValueOrDefault(d.Name) is { Status: ConditionStatus.True } c && c.Reason == d.Reason);
        }, TestCluster.RolloutTimeout);
        Assert.True(answered, string.Join("; ", degraded.Where(d => conditions.GetValueOrDefault(d.Name)?.Reason != d.Reason)
            .Select(d => $"{d.Kind} {d.Name} wants {d.Reason}, "
                + $"has {conditions.GetValueOrDefault(d.Name)?.Reason}: {conditions.GetValueOrDefault(d.Name)?.Message}")));
        Assert.All(degraded, d => Assert.False(string.IsNullOrWhiteSpace(conditions[d.Name]!.Message)));

        await valid.AssertAllPromotedAsync(TestCluster.RolloutTimeout);
        Assert.False(operatorProcess.HasExited, $"the operator ended: {operatorProcess.Output}");
        Assert.DoesNotContain("crit:", operatorProcess.Output, StringComparison.Ordinal);
        Assert.True(operatorProcess.PeakResidentBytes < MemoryBound, $"the operator's peak memory was {operatorProcess.PeakResidentBytes / 1048576} MB");
    }

    private async Task<(int Code, string Message)> PostAsync(RejectedObject bad)
    {
        using var content = new StringContent(bad.Manifest.ToJsonString(), Encoding.UTF8, "application/json");
        using var response = await sandbox.Http.PostAsync(
            $"/apis/llmoperator.io/v1alpha1/namespaces/{bad.Manifest["metadata"]!["namespace"]}/{bad.Plural}", content);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync());
        return ((int)response.StatusCode, (string?)body?["message"] ?? "");
    }
}
