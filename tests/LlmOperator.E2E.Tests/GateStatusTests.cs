using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using LlmOperator.E2E.Tests.Fixtures;
using LlmOperator.Testing;
using LlmOperator.Testing.ArgoCd;

namespace LlmOperator.E2E.Tests;

/// <summary>
/// The operator checks every EvaluationGate as a Job would plan a run of it, and says so in its status:
/// kubectl get egate shows its cases and whether it is Ready, and Argo CD shows a gate that cannot run as Degraded.
/// </summary>
public sealed class GateStatusTests(OperatorSandboxFixture sandbox) : IClassFixture<OperatorSandboxFixture>
{
    private const string Cases = "{\"id\":\"a\",\"messages\":[{\"role\":\"user\",\"content\":\"Hi?\"}]}\n"
        + "{\"id\":\"b\",\"messages\":[{\"role\":\"user\",\"content\":\"Bye?\"}]}\n";

    [Fact]
    public async Task A_gate_shows_its_cases_and_is_ready_and_one_that_cannot_run_says_why_until_it_is_fixed()
    {
        using var cluster = await TestCluster.CreateAsync(sandbox, "gates");
        await cluster.ApplyAsync(TestManifests.Gate(cluster.Namespace));
        var table = await UntilAsync(
            async () => await cluster.KubectlAsync("get", "egate", "answers"),
            t => System.Text.RegularExpressions.Regex.IsMatch(t, @"answers\s+40\s+True"));
        Assert.Matches(@"^NAME\s+CASES\s+READY\s+AGE\n", table);

        var sha = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Cases)));
        var configMap = new JsonObject
        {
            ["apiVersion"] = "v1",
            ["kind"] = "ConfigMap",
            ["metadata"] = new JsonObject { ["name"] = "cases", ["namespace"] = cluster.Namespace },
            ["data"] = new JsonObject { ["cases.jsonl"] = Cases },
        };
        await cluster.ApplyAsync(configMap, Pinned(cluster.Namespace, new string('0', 64)));

        var wrong = await GateAsync(cluster, "pinned", g => g["status"]?["conditions"]?[0]?["status"]?.GetValue<string>() == "False");
        Assert.Equal(
            $"the dataset cannot be used: configmap/cases key cases.jsonl: SHA-256 is {sha}, but the gate pins {new string('0', 64)}: the dataset changed",
            wrong["status"]!["conditions"]![0]!["message"]!.GetValue<string>());
        var health = ArgoCdLua.Health(
            File.ReadAllText(RepositoryPaths.Combine("config", "argocd", "llmoperator.io", "EvaluationGate", "health.lua")), wrong.AsObject());
        Assert.Equal("Degraded", health.Status);

        await cluster.ApplyAsync(Pinned(cluster.Namespace, sha));
        var fixedGate = await GateAsync(cluster, "pinned", g => g["status"]?["conditions"]?[0]?["status"]?.GetValue<string>() == "True"
            && g["status"]?["observedGeneration"]?.GetValue<long>() == g["metadata"]!["generation"]!.GetValue<long>());
        Assert.Equal((2, sha), (fixedGate["status"]!["caseCount"]!.GetValue<int>(), fixedGate["status"]!["datasetHash"]!.GetValue<string>()));
    }

    private static JsonObject Pinned(string ns, string sha) => new()
    {
        ["apiVersion"] = "llmoperator.io/v1alpha1",
        ["kind"] = "EvaluationGate",
        ["metadata"] = new JsonObject { ["name"] = "pinned", ["namespace"] = ns },
        ["spec"] = new JsonObject
        {
            ["defaultAssert"] = new JsonArray(new JsonObject { ["type"] = "icontains", ["value"] = "you asked" }),
            ["dataset"] = new JsonObject
            {
                ["configMapRef"] = new JsonObject { ["name"] = "cases", ["key"] = "cases.jsonl" },
                ["sha256"] = sha,
            },
        },
    };

    private static Task<JsonNode> GateAsync(TestCluster cluster, string name, Func<JsonNode, bool> condition) =>
        UntilAsync(async () => JsonNode.Parse(await cluster.KubectlAsync("get", "egate", name, "-o", "json"))!, condition);

    // Reads until the value satisfies the condition; on timeout the failure shows the last value read.
    private static async Task<T> UntilAsync<T>(Func<Task<T>> read, Func<T, bool> condition)
    {
        T last = default!;
        var reached = await Eventually.Async(async () => condition(last = await read()), TimeSpan.FromSeconds(60));
        Assert.True(reached, $"never reached; last read: {last}");
        return last;
    }
}
