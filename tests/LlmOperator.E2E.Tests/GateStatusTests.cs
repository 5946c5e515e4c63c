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

    [Fact]
    public async Task A_gate_of_metrics_says_why_one_cannot_be_measured_as_written_and_the_CRD_refuses_a_gate_with_nothing_to_judge()
    {
        using var cluster = await TestCluster.CreateAsync(sandbox, "metric-gates");
        await cluster.ApplyAsync(Live(cluster.Namespace, "x{ {{ canidate.selector }} }"));

        var typo = await GateAsync(cluster, "live", g => g["status"]?["conditions"]?[0]?["status"]?.GetValue<string>() == "False");
        Assert.Equal(
            "metric ttft: prometheus.query does not render: missing variable \"canidate\"", typo["status"]!["conditions"]![0]!["message"]!.GetValue<string>());

        await cluster.ApplyAsync(Live(cluster.Namespace, "x{ {{ candidate.selector }} } / x{ {{ baseline.selector }} }"));
        var ready = await GateAsync(cluster, "live", g => g["status"]?["conditions"]?[0]?["status"]?.GetValue<string>() == "True");
        Assert.Equal("1 Prometheus metric; its references resolve.", ready["status"]!["conditions"]![0]!["message"]!.GetValue<string>());

        var nothing = Live(cluster.Namespace, "up");
        nothing["spec"]!.AsObject().Remove("metrics");
        var noCondition = Live(cluster.Namespace, "up");
        noCondition["spec"]!["metrics"]![0]!.AsObject().Remove("successCondition");
        var loadWithoutDataset = Live(cluster.Namespace, "up");
        loadWithoutDataset["spec"]!["execution"] = new JsonObject { ["load"] = new JsonObject { ["rate"] = 5 } };
        foreach (var (gate, message) in new[]
        {
            (nothing, "a gate needs a dataset, metrics, or both"),
            (noCondition, "a metric needs successCondition, failureCondition or both"),
            (loadWithoutDataset, "execution.load replays the gate's dataset while its metrics are measured: the gate needs both"),
        })
        {
            var refused = await cluster.Kubectl.RunAsync(["apply", "-f", "-"], gate.ToJsonString(), TimeSpan.FromSeconds(60));
            Assert.NotEqual(0, refused.ExitCode);
            Assert.Contains(message, refused.Error, StringComparison.Ordinal);
        }
    }

    private static JsonObject Live(string ns, string query) => new()
    {
        ["apiVersion"] = "llmoperator.io/v1alpha1",
        ["kind"] = "EvaluationGate",
        ["metadata"] = new JsonObject { ["name"] = "live", ["namespace"] = ns },
        ["spec"] = new JsonObject
        {
            ["metrics"] = new JsonArray(new JsonObject
            {
                ["name"] = "ttft",
                ["prometheus"] = new JsonObject { ["address"] = "http://prometheus-operated.monitoring.svc:9090", ["query"] = query },
                ["successCondition"] = "result < 1.5",
            }),
        },
    };

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
