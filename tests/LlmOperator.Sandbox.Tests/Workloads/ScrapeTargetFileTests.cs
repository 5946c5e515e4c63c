using System.Text.Json.Nodes;
using LlmOperator.Sandbox.Hosting;
using LlmOperator.Sandbox.Tests.Conformance;
using LlmOperator.Testing;

namespace LlmOperator.Sandbox.Tests.Workloads;

/// <summary>A sandbox that keeps its process pods in a Prometheus file_sd file.</summary>
public sealed class ScrapeTargetSandboxFixture : SandboxFixture
{
    public string TargetsPath => Path.Combine(Path.GetDirectoryName(KubeconfigPath)!, "targets.json");

    protected override SandboxOptions Options
    {
        get
        {
            var options = base.Options;
            options.ScrapeTargetsPath = TargetsPath;
            return options;
        }
    }
}

/// <summary>The pods that run as processes, written as Prometheus's Kubernetes discovery would describe them.</summary>
public sealed class ScrapeTargetFileTests(ScrapeTargetSandboxFixture sandbox) : IClassFixture<ScrapeTargetSandboxFixture>
{
    private static JsonObject Pod(string name, string image, JsonObject labels) => new()
    {
        ["apiVersion"] = "v1",
        ["kind"] = "Pod",
        ["metadata"] = new JsonObject { ["name"] = name, ["labels"] = labels.DeepClone() },
        ["spec"] = new JsonObject
        {
            ["containers"] = new JsonArray(new JsonObject
            {
                ["name"] = "server",
                ["image"] = image,
                ["args"] = new JsonArray("mock-llm", "--port", "8000", "--host", "$(POD_IP)", "--model", "chat"),
                ["env"] = new JsonArray(new JsonObject
                {
                    ["name"] = "POD_IP",
                    ["valueFrom"] = new JsonObject { ["fieldRef"] = new JsonObject { ["fieldPath"] = "status.podIP" } },
                }),
                ["ports"] = new JsonArray(new JsonObject { ["name"] = "http", ["containerPort"] = 8000 }),
            }),
        },
    };

    private JsonArray Targets() => File.Exists(sandbox.TargetsPath) ? JsonNode.Parse(File.ReadAllText(sandbox.TargetsPath))!.AsArray() : [];

    private JsonObject? TargetOf(string ns, string pod) =>
        Targets().OfType<JsonObject>().FirstOrDefault(t => t["labels"]!["__meta_kubernetes_namespace"]!.GetValue<string>() == ns
            && t["labels"]!["__meta_kubernetes_pod_name"]!.GetValue<string>() == pod);

    [Fact]
    public async Task A_process_pod_is_a_target_with_Kubernetes_discovery_labels_until_it_is_deleted()
    {
        var ns = await sandbox.CreateNamespaceAsync("scrape");
        var labels = new JsonObject { ["llmoperator.io/revision"] = "abc123", ["app.kubernetes.io/managed-by"] = "llm-operator" };
        Assert.Equal(201, (await ApiCalls.SendAsync(
            sandbox.Http, HttpMethod.Post, $"/api/v1/namespaces/{ns}/pods", Pod("chat", "ghcr.io/llmoperator/llmop:0.1.0", labels).ToJsonString())).Code);
        Assert.Equal(201, (await ApiCalls.SendAsync(
            sandbox.Http, HttpMethod.Post, $"/api/v1/namespaces/{ns}/pods", Pod("other", "vllm/vllm-openai:v0.6.6", labels).ToJsonString())).Code);

        Assert.True(await Eventually.True(() => TargetOf(ns, "chat") is not null, TimeSpan.FromSeconds(30)), "the process pod became a target");
        var target = TargetOf(ns, "chat")!;
        var address = target["targets"]![0]!.GetValue<string>();
        var meta = target["labels"]!.AsObject();
        var ip = (await ApiCalls.SendAsync(sandbox.Http, HttpMethod.Get, $"/api/v1/namespaces/{ns}/pods/chat")).Body!["status"]!["podIP"]!.GetValue<string>();
        Assert.Equal($"{ip}:8000", address);
        Assert.Equal("abc123", meta["__meta_kubernetes_pod_label_llmoperator_io_revision"]!.GetValue<string>());
        Assert.Equal("true", meta["__meta_kubernetes_pod_labelpresent_app_kubernetes_io_managed_by"]!.GetValue<string>());
        Assert.Equal(("http", "8000", "server"), (
            meta["__meta_kubernetes_pod_container_port_name"]!.GetValue<string>(),
            meta["__meta_kubernetes_pod_container_port_number"]!.GetValue<string>(),
            meta["__meta_kubernetes_pod_container_name"]!.GetValue<string>()));
        // A simulated container has no process to scrape.
        Assert.Null(TargetOf(ns, "other"));
        // The address serves the metrics a scrape reads.
        using var http = new HttpClient();
        Assert.True(await Eventually.Async(async () =>
        {
            try
            {
                return (await http.GetStringAsync($"http://{address}/metrics")).Contains("vllm:num_requests_running", StringComparison.Ordinal);
            }
            catch (HttpRequestException)
            {
                return false;
            }
        }, TimeSpan.FromSeconds(30)), "mock-llm serves /metrics at the target");

        Assert.Equal(200, (await ApiCalls.SendAsync(sandbox.Http, HttpMethod.Delete, $"/api/v1/namespaces/{ns}/pods/chat")).Code);
        Assert.True(await Eventually.True(() => TargetOf(ns, "chat") is null, TimeSpan.FromSeconds(30)), "the deleted pod is no longer a target");
    }
}
