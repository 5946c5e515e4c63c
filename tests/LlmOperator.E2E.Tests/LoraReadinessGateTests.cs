using System.Text.Json.Nodes;
using LlmOperator.Api.V1Alpha1;
using LlmOperator.Controllers.Engines;
using LlmOperator.E2E.Tests.Fixtures;
using LlmOperator.Testing;

namespace LlmOperator.E2E.Tests;

/// <summary>
/// The adapters readiness gate in the sandbox, under the installed RBAC (pods/status patch): a pod that a scale-up
/// starts later runs its server and adapter loader but stays out of its Services (kubectl: 2/2, READINESS GATES 0/1) until the
/// operator has loaded its adapters and opened its gate, then it is Ready and serves the adapter.
/// </summary>
public sealed class LoraReadinessGateTests(OperatorSandboxFixture sandbox) : IClassFixture<OperatorSandboxFixture>
{
    private static JsonObject Model(string ns, int replicas)
    {
        var model = TestManifests.MockModel(ns, "chat", [], replicas: replicas);
        model["spec"]!["adapters"] = new JsonArray(new JsonObject { ["name"] = "sql", ["source"] = "https://adapters.example/sql/v1?quality=1" });
        return model;
    }

    [Fact]
    public async Task A_pod_scaled_up_later_is_ready_only_once_the_operator_loaded_its_adapters()
    {
        using var cluster = await TestCluster.CreateAsync(sandbox, "loragate");
        await cluster.ApplyAsync(Model(cluster.Namespace, 1));
        await cluster.WaitForModelAsync("chat", m => m.Status?.Phase == RolloutPhase.Healthy && m.Status.Adapters?[0].StableRevision is not null, "served sql");
        var first = Assert.Single(await PodsAsync(cluster));
        Assert.Equal(("2/2", "1/1"), (first.Containers, first.Gates));

        // The operator cannot write to the pods for now: what it loads onto the new pod is neither recorded nor let in.
        sandbox.Server.Faults.FailRandomly(1.0, 500, "PATCH", $"/namespaces/{cluster.Namespace}/pods/", userAgentContains: "llmop-operator/");
        try
        {
            await cluster.ApplyAsync(Model(cluster.Namespace, 2));
            Assert.True(
                await Eventually.Async(
                    async () => (await PodsAsync(cluster)).Any(p => p.Name != first.Name && p.Containers == "2/2"), TestCluster.RolloutTimeout),
                "the new pod's server became ready");
            var waiting = Assert.Single(await PodsAsync(cluster), p => p.Name != first.Name);
            Assert.Equal("0/1", waiting.Gates);
            var ready = await cluster.KubectlAsync("get", "pod", waiting.Name, "-o", "jsonpath={.status.conditions[?(@.type==\"Ready\")].reason}");
            Assert.Equal("ReadinessGatesNotReady", ready);
        }
        finally
        {
            sandbox.Server.Faults.Clear();
        }

        Assert.True(
            await Eventually.Async(async () => (await PodsAsync(cluster)) is { Count: 2 } pods && pods.All(p => p.Gates == "1/1"), TestCluster.RolloutTimeout),
            "the new pod's gate opened");
        var joined = Assert.Single(await PodsAsync(cluster), p => p.Name != first.Name);
        var gate = await cluster.KubectlAsync(
            "get", "pod", joined.Name, "-o", $"jsonpath={{.status.conditions[?(@.type==\"{LoraServing.ReadinessGate}\")].reason}}");
        Assert.Equal("AdaptersLoaded", gate);
        Assert.Equal("True", await cluster.KubectlAsync("get", "pod", joined.Name, "-o", "jsonpath={.status.conditions[?(@.type==\"Ready\")].status}"));
        var models = await cluster.KubectlAsync("get", "--raw", $"/api/v1/namespaces/{cluster.Namespace}/pods/{joined.Name}/proxy/v1/models");
        Assert.Contains("\"id\":\"sql\"", models, StringComparison.Ordinal);
        await cluster.WaitForHealthyAsync("chat");
    }

    // The model's pods as kubectl get pods -o wide prints them: name, READY and READINESS GATES.
    private static async Task<List<(string Name, string Containers, string Gates)>> PodsAsync(TestCluster cluster)
    {
        var table = await cluster.KubectlAsync("get", "pods", "-l", "llmoperator.io/model=chat", "-o", "wide", "--no-headers");
        return [.. table.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Where(c => c[2] != "Terminating")
            .Select(c => (c[0], c[1], c[^1]))];
    }
}
