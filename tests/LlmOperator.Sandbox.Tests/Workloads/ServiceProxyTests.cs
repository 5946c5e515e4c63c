using System.Net;
using System.Text.Json.Nodes;
using LlmOperator.Sandbox.Tests.Conformance;
using LlmOperator.Testing;

namespace LlmOperator.Sandbox.Tests.Workloads;

/// <summary>Pods of the operator's image serve for real, and Service names reach them through the sandbox's proxy.</summary>
public class ServiceProxyTests(SandboxFixture sandbox) : IClassFixture<SandboxFixture>
{
    private async Task DeployMockAsync(string ns, string name, int replicas, double quality = 1.0)
    {
        var container = new JsonObject
        {
            ["name"] = "mock",
            ["image"] = "ghcr.io/llmoperator/llmop:0.1.0",
            ["args"] = new JsonArray(
                "mock-llm", "--port", "8000", "--host", "$(POD_IP)", "--model", name,
                "--quality", quality.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            ["env"] = new JsonArray(new JsonObject
            {
                ["name"] = "POD_IP",
                ["valueFrom"] = new JsonObject { ["fieldRef"] = new JsonObject { ["fieldPath"] = "status.podIP" } },
            }),
            ["ports"] = new JsonArray(new JsonObject { ["name"] = "http", ["containerPort"] = 8000 }),
            ["readinessProbe"] = new JsonObject { ["httpGet"] = new JsonObject { ["path"] = "/health", ["port"] = "http" } },
        };
        var deployment = new JsonObject
        {
            ["apiVersion"] = "apps/v1",
            ["kind"] = "Deployment",
            ["metadata"] = new JsonObject { ["name"] = name },
            ["spec"] = new JsonObject
            {
                ["replicas"] = replicas,
                ["selector"] = new JsonObject { ["matchLabels"] = new JsonObject { ["app"] = name } },
                ["template"] = new JsonObject
                {
                    ["metadata"] = new JsonObject { ["labels"] = new JsonObject { ["app"] = name } },
                    ["spec"] = new JsonObject { ["containers"] = new JsonArray(container) },
                },
            },
        };
        var service = new JsonObject
        {
            ["apiVersion"] = "v1",
            ["kind"] = "Service",
            ["metadata"] = new JsonObject { ["name"] = name },
            ["spec"] = new JsonObject
            {
                ["selector"] = new JsonObject { ["app"] = name },
                ["ports"] = new JsonArray(new JsonObject { ["port"] = 80, ["targetPort"] = "http" }),
            },
        };
        Assert.Equal(201, (await ApiCalls.SendAsync(
            sandbox.Http, HttpMethod.Post, $"/apis/apps/v1/namespaces/{ns}/deployments", deployment.ToJsonString())).Code);
        Assert.Equal(201, (await ApiCalls.SendAsync(sandbox.Http, HttpMethod.Post, $"/api/v1/namespaces/{ns}/services", service.ToJsonString())).Code);
        Assert.True(await Eventually.Async(async () =>
            (int?)(await ApiCalls.SendAsync(sandbox.Http, HttpMethod.Get, $"/apis/apps/v1/namespaces/{ns}/deployments/{name}"))
                .Body?["status"]?["readyReplicas"] == replicas,
            TimeSpan.FromSeconds(60)), "the mock-llm pods became ready");
    }

    private HttpClient ThroughProxy() =>
        new(new HttpClientHandler { Proxy = new WebProxy(sandbox.Server.ProxyAddress), UseProxy = true })
        {
            Timeout = TimeSpan.FromSeconds(30),
        };

    [Fact]
    public async Task A_service_name_reaches_ready_pods_running_llmop_round_robin()
    {
        var ns = await sandbox.CreateNamespaceAsync("proxy");
        await DeployMockAsync(ns, "mock", replicas: 2);
        using var client = ThroughProxy();

        var models = JsonNode.Parse(await client.GetStringAsync($"http://mock.{ns}.svc/v1/models"))!;
        var viaShortName = await client.GetAsync($"http://mock.{ns}/health");
        var viaClusterDomain = await client.GetAsync($"http://mock.{ns}.svc.cluster.local:80/health");
        var podIps = (await ApiCalls.SendAsync(sandbox.Http, HttpMethod.Get, $"/api/v1/namespaces/{ns}/pods")).Body!["items"]!.AsArray()
            .Select(p => (string)p!["status"]!["podIP"]!).ToList();

        Assert.Equal("mock", (string)models["data"]![0]!["id"]!);
        Assert.Equal(HttpStatusCode.OK, viaShortName.StatusCode);
        Assert.Equal(HttpStatusCode.OK, viaClusterDomain.StatusCode);
        Assert.Equal(2, podIps.Distinct().Count());
        Assert.All(podIps, ip => Assert.StartsWith("127.", ip, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_service_without_ready_pods_answers_503()
    {
        var ns = await sandbox.CreateNamespaceAsync("empty");
        await ApiCalls.SendAsync(sandbox.Http, HttpMethod.Post, $"/api/v1/namespaces/{ns}/services",
            """{"apiVersion":"v1","kind":"Service","metadata":{"name":"nobody"},"spec":{"selector":{"app":"nobody"},"ports":[{"port":80}]}}""");
        using var client = ThroughProxy();

        var response = await client.GetAsync($"http://nobody.{ns}.svc/health");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("no endpoints available for service \"nobody\"", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task An_evaluation_job_inside_the_sandbox_reaches_a_model_by_its_service_name()
    {
        var ns = await sandbox.CreateNamespaceAsync("evaljob");
        await DeployMockAsync(ns, "judge-me", replicas: 1);
        var gate = RepositoryPaths.Combine("tests", "LlmOperator.Sandbox.Tests", "Workloads", "every-answer-gate.yaml");
        var job = new JsonObject
        {
            ["apiVersion"] = "batch/v1",
            ["kind"] = "Job",
            ["metadata"] = new JsonObject { ["name"] = "eval" },
            ["spec"] = new JsonObject
            {
                ["backoffLimit"] = 0,
                ["template"] = new JsonObject
                {
                    ["spec"] = new JsonObject
                    {
                        ["restartPolicy"] = "Never",
                        ["containers"] = new JsonArray(new JsonObject
                        {
                            ["name"] = "eval",
                            ["image"] = "ghcr.io/llmoperator/llmop:0.1.0",
                            ["args"] = new JsonArray("eval", "--config", gate, "--endpoint", $"http://judge-me.{ns}.svc/v1"),
                        }),
                    },
                },
            },
        };
        await ApiCalls.SendAsync(sandbox.Http, HttpMethod.Post, $"/apis/batch/v1/namespaces/{ns}/jobs", job.ToJsonString());

        JsonNode? done = null;
        Assert.True(await Eventually.Async(async () =>
            (done = (await ApiCalls.SendAsync(sandbox.Http, HttpMethod.Get, $"/apis/batch/v1/namespaces/{ns}/jobs/eval")).Body)
                ?["status"]?["conditions"] is JsonArray { Count: > 0 },
            TimeSpan.FromSeconds(60)));
        var pod = (await ApiCalls.SendAsync(sandbox.Http, HttpMethod.Get, $"/api/v1/namespaces/{ns}/pods?labelSelector=job-name%3Deval")).Body!["items"]![0]!;
        var log = await sandbox.Http.GetStringAsync($"/api/v1/namespaces/{ns}/pods/{(string)pod["metadata"]!["name"]!}/log");

        Assert.True((string)done!["status"]!["conditions"]![1]!["type"]! == "Complete", log);
        Assert.Contains("Passed", log, StringComparison.Ordinal);
    }
}
