using System.Text.Json.Nodes;
using LlmOperator.Api.V1Alpha1;
using LlmOperator.E2E.Tests.Fixtures;
using LlmOperator.Testing;

namespace LlmOperator.E2E.Tests;

/// <summary>
/// A LoRA adapter released in the sandbox with kubectl, on mock-llm pods that serve adapters as vLLM does: a new
/// version that passes its gate is swapped in and one that fails is rolled back, each on the running pods, which
/// never restart. Each version is a revision of a Hugging Face repository on a fake Hub, fetched by the pods' adapter
/// loader into their emptyDir and loaded by mock-llm from there. The operator runs under the installed RBAC (pods
/// list, watch and patch).
/// </summary>
public sealed class LoraAdapterTests(FakeHubOperatorSandboxFixture sandbox) : IClassFixture<FakeHubOperatorSandboxFixture>
{
    private const string Source = "hf://" + FakeHub.Repository;

    // mock-llm answers for an adapter at the quality its directory's mock-quality file says: 1 passes gate answers, 0.5 fails it.
    private static JsonObject Model(string ns, string revision)
    {
        var model = TestManifests.MockModel(ns, "chat", [TestManifests.Evaluate("answers")]);
        model["spec"]!["adapters"] = new JsonArray(new JsonObject
        {
            ["name"] = "sql",
            ["source"] = Source,
            ["revision"] = revision,
            ["evaluate"] = new JsonObject { ["gates"] = new JsonArray("answers") },
        });
        return model;
    }

    private static AdapterStatus? Sql(ModelDeployment model) => model.Status?.Adapters?.SingleOrDefault(a => a.Name == "sql");

    [Fact]
    public async Task A_passing_adapter_version_is_swapped_in_and_a_failing_one_rolled_back_without_restarting_the_base_model()
    {
        using var cluster = await TestCluster.CreateAsync(sandbox, "lora");
        // Revisions of their own, so that the fixture's Hub serves this test's alone.
        var (v1, v2, v3) = ($"{cluster.Namespace}-v1", $"{cluster.Namespace}-v2", $"{cluster.Namespace}-v3");
        sandbox.Hub.Add(v1, 1);
        sandbox.Hub.Add(v2, 1);
        sandbox.Hub.Add(v3, 0.5);
        await cluster.ApplyAsync(TestManifests.Gate(cluster.Namespace), Model(cluster.Namespace, v1));
        var first = await cluster.WaitForModelAsync(
            "chat", m => m.Status?.Phase == RolloutPhase.Healthy && Sql(m)?.StableRevision == AdapterVersion.NameOf(Source, v1), "served adapter sql");
        var revision = first.Status!.StableRevision!;
        var pods = await PodsAsync(cluster);
        Assert.Equal(2, pods.Count);
        var models = await cluster.KubectlAsync("get", "--raw", $"/api/v1/namespaces/{cluster.Namespace}/services/chat:80/proxy/v1/models");
        Assert.Contains("\"id\":\"sql\"", models, StringComparison.Ordinal);
        Assert.Contains("\"parent\":\"chat\"", models, StringComparison.Ordinal);
        // What serves is the directory the pod's adapter loader fetched into its emptyDir.
        var root = System.Text.Json.Nodes.JsonNode.Parse(await PodModelsAsync(cluster, pods[0].Name))!["data"]!.AsArray()
            .Single(m => (string?)m!["id"] == "sql")!["root"]!.GetValue<string>();
        Assert.EndsWith($"/adapter-versions/{AdapterVersion.NameOf(Source, v1)}", root, StringComparison.Ordinal);
        Assert.Equal("1", File.ReadAllText(Path.Combine(root, "mock-quality")));

        // A better version: loaded as sql:canary, judged against sql through the main Service, swapped in.
        await cluster.ApplyAsync(Model(cluster.Namespace, v2));
        var second = AdapterVersion.NameOf(Source, v2);
        var swapped = await cluster.WaitForModelAsync(
            "chat", m => m.Status?.Phase == RolloutPhase.Healthy && Sql(m)?.StableRevision == second, "swapped in the second version");
        var run = Assert.Single(await cluster.RunsOfAsync("chat"), r => r.Spec.Target.Revision == second);
        Assert.Equal(EvaluationPhase.Passed, run.Status!.Phase);
        Assert.Equal(("sql:canary", "sql"), (run.Spec.Candidate.Model, run.Spec.Baseline!.Model));
        Assert.StartsWith($"http://chat.{cluster.Namespace}.svc", run.Spec.Candidate.Url, StringComparison.Ordinal);
        Assert.Equal(RolloutResult.Promoted, Sql(swapped)!.History![0].Result);
        Assert.Equal(revision, swapped.Status!.StableRevision);
        Assert.Equal(pods, await PodsAsync(cluster));
        Assert.True(
            await Eventually.Async(async () =>
                await PodModelsAsync(cluster, pods[0].Name) is var listed && !listed.Contains("sql:canary", StringComparison.Ordinal)),
            "the canary name was unloaded");
        var annotation = await cluster.KubectlAsync("get", "pod", pods[0].Name, "-o", "jsonpath={.metadata.annotations.adapter\\.llmoperator\\.io/sql}");
        Assert.Contains($"\"revision\":\"{second}\"", annotation, StringComparison.Ordinal);

        // A worse version: it fails the gate, is unloaded, and the model is Degraded while the second serves on.
        await cluster.ApplyAsync(Model(cluster.Namespace, v3));
        var degraded = await cluster.WaitForModelAsync("chat", m => m.Status?.Phase == RolloutPhase.Degraded, "rolled the third version back");
        var sql = Sql(degraded)!;
        Assert.Equal((second, AdapterVersion.NameOf(Source, v3), true), (sql.StableRevision, sql.CandidateRevision, sql.Abort));
        Assert.Equal("AdapterEvaluationFailed", Conditions.Find(degraded.Status!.Conditions, ConditionTypes.Degraded)!.Reason);
        Assert.StartsWith("Adapter sql: Rollout of revision", degraded.Status.Message, StringComparison.Ordinal);
        Assert.Matches(@"chat\s+Degraded", await cluster.KubectlAsync("get", "md", "chat"));
        await cluster.WaitForEventAsync("chat", e => e.Reason == "AdapterRolloutAborted" && e.Type == "Warning", "about the aborted adapter rollout");
        Assert.True(
            await Eventually.Async(async () => await PodModelsAsync(cluster, pods[1].Name) is var listed
                && !listed.Contains("sql:canary", StringComparison.Ordinal) && listed.Contains("\"id\":\"sql\"", StringComparison.Ordinal)),
            "the canary was unloaded and the second version serves");
        Assert.Equal(pods, await PodsAsync(cluster));
        Assert.Equal(revision, degraded.Status.StableRevision);
        // The first version, which no name serves any more, was deleted from the loaders' directory.
        Assert.False(Directory.Exists(root), "the first version was deleted from the pod's adapter loader");
    }

    // The model's pods: name, UID and restarts, which an adapter change must leave as they are.
    private static async Task<List<(string Name, string Uid, string Restarts)>> PodsAsync(TestCluster cluster)
    {
        var lines = await cluster.KubectlAsync(
            "get", "pods", "-l", "llmoperator.io/model=chat", "-o",
            "jsonpath={range .items[*]}{.metadata.name} {.metadata.uid} {.status.containerStatuses[0].restartCount}{\"\\n\"}{end}");
        return [.. lines.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split(' ')).Select(p => (p[0], p[1], p[2])).Order()];
    }

    private static Task<string> PodModelsAsync(TestCluster cluster, string pod) =>
        cluster.KubectlAsync("get", "--raw", $"/api/v1/namespaces/{cluster.Namespace}/pods/{pod}/proxy/v1/models");
}
