using System.Net;
using System.Text.Json.Nodes;
using k8s;
using k8s.Models;
using LlmOperator.Sandbox.Tests.Conformance;
using LlmOperator.Testing;

namespace LlmOperator.Sandbox.Tests.Workloads;

/// <summary>
/// Pod readiness gates (KEP-580) as the kubelet honours them: a pod is Ready only when its containers are and
/// every gate's condition is True, with the kubelet's reason and messages (pkg/kubelet/status/generate.go); a
/// client sets the condition with a strategic merge patch of pods/status, which the kubelet's later status
/// writes keep; and a Service sends requests only to Ready pods.
/// </summary>
public class ReadinessGateTests(SandboxFixture sandbox) : IClassFixture<SandboxFixture>
{
    private const string Gate = "example.com/loaded";

    private static JsonObject Pod(string name, JsonObject container, string restartPolicy = "Always") => new()
    {
        ["apiVersion"] = "v1",
        ["kind"] = "Pod",
        ["metadata"] = new JsonObject { ["name"] = name, ["labels"] = new JsonObject { ["app"] = name } },
        ["spec"] = new JsonObject
        {
            ["restartPolicy"] = restartPolicy,
            ["readinessGates"] = new JsonArray(new JsonObject { ["conditionType"] = Gate }),
            ["containers"] = new JsonArray(container),
        },
    };

    private static JsonObject MockLlm(string model) => new()
    {
        ["name"] = "server",
        ["image"] = "ghcr.io/llmoperator/llmop:0.1.0",
        ["args"] = new JsonArray("mock-llm", "--port", "8000", "--host", "$(POD_IP)", "--model", model),
        ["env"] = new JsonArray(new JsonObject
        {
            ["name"] = "POD_IP",
            ["valueFrom"] = new JsonObject { ["fieldRef"] = new JsonObject { ["fieldPath"] = "status.podIP" } },
        }),
        ["ports"] = new JsonArray(new JsonObject { ["name"] = "http", ["containerPort"] = 8000 }),
        ["readinessProbe"] = new JsonObject { ["httpGet"] = new JsonObject { ["path"] = "/health", ["port"] = "http" } },
    };

    private Task<V1Pod> SetGateAsync(string ns, string pod, string status) =>
        sandbox.Client.CoreV1.PatchNamespacedPodStatusAsync(
            new V1Patch($$$"""{"status":{"conditions":[{"type":"{{{Gate}}}","status":"{{{status}}}"}]}}""", V1Patch.PatchType.StrategicMergePatch),
            pod,
            ns);

    private async Task<V1Pod> WaitForPodAsync(string ns, string name, Func<V1Pod, bool> condition, string what)
    {
        V1Pod? last = null;
        Assert.True(
            await Eventually.Async(async () => condition(last = await sandbox.Client.CoreV1.ReadNamespacedPodAsync(name, ns)), TimeSpan.FromSeconds(60)),
            $"pod {name} never {what}: {KubernetesJson.Serialize(last?.Status)}");
        return last!;
    }

    private static V1PodCondition? Condition(V1Pod pod, string type) => pod.Status?.Conditions?.SingleOrDefault(c => c.Type == type);

    private HttpClient ThroughProxy() =>
        new(new HttpClientHandler { Proxy = new WebProxy(sandbox.Server.ProxyAddress), UseProxy = true }) { Timeout = TimeSpan.FromSeconds(30) };

    [Fact]
    public async Task A_pod_with_ready_containers_is_ready_and_behind_its_service_only_once_its_gate_s_condition_is_true()
    {
        var ns = await sandbox.CreateNamespaceAsync("gate");
        await ApiCalls.SendAsync(sandbox.Http, HttpMethod.Post, $"/api/v1/namespaces/{ns}/pods", Pod("chat", MockLlm("chat")).ToJsonString());
        await ApiCalls.SendAsync(sandbox.Http, HttpMethod.Post, $"/api/v1/namespaces/{ns}/services",
            """{"apiVersion":"v1","kind":"Service","metadata":{"name":"chat"},"spec":{"selector":{"app":"chat"},"ports":[{"port":80,"targetPort":"http"}]}}""");
        using var client = ThroughProxy();

        var waiting = await WaitForPodAsync(ns, "chat", p => Condition(p, "ContainersReady")?.Status == "True", "had ready containers");
        var ready = Condition(waiting, "Ready")!;
        Assert.Equal(("False", "ReadinessGatesNotReady"), (ready.Status, ready.Reason));
        Assert.Equal($"corresponding condition of pod readiness gate \"{Gate}\" does not exist.", ready.Message);
        var unrouted = await client.GetAsync($"http://chat.{ns}.svc/v1/models");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, unrouted.StatusCode);

        await SetGateAsync(ns, "chat", "False");
        var closed = await WaitForPodAsync(
            ns, "chat", p => Condition(p, "Ready")?.Message?.Contains("but False", StringComparison.Ordinal) == true, "said why");
        Assert.Equal($"the status of pod readiness gate \"{Gate}\" is not \"True\", but False", Condition(closed, "Ready")!.Message);

        await SetGateAsync(ns, "chat", "True");
        var open = await WaitForPodAsync(ns, "chat", p => Condition(p, "Ready")?.Status == "True", "became ready");
        Assert.Null(Condition(open, "Ready")!.Reason);
        Assert.Equal("True", Condition(open, Gate)!.Status);
        var models = JsonNode.Parse(await client.GetStringAsync($"http://chat.{ns}.svc/v1/models"))!;
        Assert.Equal("chat", (string)models["data"]![0]!["id"]!);
    }

    [Fact]
    public async Task A_gate_s_condition_a_client_set_survives_the_kubelet_s_later_status_writes()
    {
        var ns = await sandbox.CreateNamespaceAsync("gate");
        // An llmop container that exits at once: the kubelet writes the pod's status again at each restart.
        var crashing = new JsonObject
        {
            ["name"] = "server",
            ["image"] = "ghcr.io/llmoperator/llmop:0.1.0",
            ["args"] = new JsonArray("validate", "/no/such/path"),
        };
        await ApiCalls.SendAsync(sandbox.Http, HttpMethod.Post, $"/api/v1/namespaces/{ns}/pods", Pod("crashing", crashing).ToJsonString());
        await WaitForPodAsync(ns, "crashing", p => p.Status?.Conditions?.Count > 0, "had a status");

        var patched = await SetGateAsync(ns, "crashing", "True");
        var restarts = patched.Status.ContainerStatuses[0].RestartCount;
        var later = await WaitForPodAsync(ns, "crashing", p => p.Status.ContainerStatuses[0].RestartCount > restarts, "restarted again");

        Assert.Equal("True", Condition(later, Gate)!.Status);
        var ready = Condition(later, "Ready")!;
        Assert.Equal(("False", "ContainersNotReady", "containers with unready status: [server]"), (ready.Status, ready.Reason, ready.Message));
    }
}
