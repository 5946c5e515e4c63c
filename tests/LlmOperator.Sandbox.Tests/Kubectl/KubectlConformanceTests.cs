using System.Text.Json.Nodes;
using LlmOperator.Sandbox.Tests.Conformance;
using LlmOperator.Testing;

namespace LlmOperator.Sandbox.Tests.Kubectl;

/// <summary>The sandbox driven by the real kubectl, as users and Argo CD's users drive a cluster.</summary>
public sealed class KubectlConformanceTests(SandboxFixture sandbox) : IClassFixture<SandboxFixture>, IDisposable
{
    private readonly Testing.Kubectl _kubectl = sandbox.Kubectl();

    public void Dispose() => _kubectl.Dispose();

    private static string Samples => RepositoryPaths.Combine("config", "samples");

    private static string Crds => RepositoryPaths.Combine("config", "crd", "bases");

    private async Task<string> ApplyCrdsAsync()
    {
        var applied = (await _kubectl.RunAsync("apply", "-f", Crds)).Succeeded();
        return applied;
    }

    [Fact]
    public async Task Apply_a_CRD_then_its_objects_and_get_them_with_the_printer_columns()
    {
        var ns = await sandbox.CreateNamespaceAsync("apply");
        var crds = await ApplyCrdsAsync();

        var applied = (await _kubectl.RunAsync("apply", "-n", ns, "-f", Samples)).Succeeded();
        var table = (await _kubectl.RunAsync("get", "md", "-n", ns)).Succeeded();
        var pver = (await _kubectl.RunAsync("get", "pver", "-n", ns)).Succeeded();

        Assert.Contains("customresourcedefinition.apiextensions.k8s.io/modeldeployments.llmoperator.io", crds, StringComparison.Ordinal);
        Assert.Contains("modeldeployment.llmoperator.io/llama-chat created", applied, StringComparison.Ordinal);
        Assert.Contains("configmap/support-regression-cases created", applied, StringComparison.Ordinal);
        Assert.Matches(@"^NAME\s+PHASE\s+STABLE\s+CANARY\s+WEIGHT\s+STEP\s+AGE\n", table);
        Assert.Contains("llama-chat", table, StringComparison.Ordinal);
        Assert.Matches(@"support-answer-v2\s+support-answer\s+2\s+\d+s", pver);
    }

    [Fact]
    public async Task Get_watch_prints_a_row_when_an_object_changes()
    {
        var ns = await sandbox.CreateNamespaceAsync("watch");
        await ApplyCrdsAsync();
        var (_, created, _) = await ApiCalls.SendAsync(sandbox.Http, HttpMethod.Post, ApiCalls.ModelDeployments(ns), ApiCalls.ModelDeployment("w"));
        using var watch = _kubectl.Start(["get", "md", "-n", ns, "-w"]);
        var lines = new List<string>();
        var reader = Task.Run(async () =>
        {
            while (await watch.StandardOutput.ReadLineAsync() is { } line)
            {
                lock (lines)
                {
                    lines.Add(line);
                }
            }
        });
        Assert.True(await Eventually.True(() => { lock (lines) { return lines.Count >= 2; } }), "kubectl printed the table");

        var status = created!.DeepClone();
        status["status"] = new JsonObject { ["phase"] = "Progressing", ["canaryWeight"] = 20, ["currentStepIndex"] = 1 };
        await ApiCalls.SendAsync(sandbox.Http, HttpMethod.Put, $"{ApiCalls.ModelDeployments(ns)}/w/status", status.ToJsonString());

        Assert.True(await Eventually.True(() => { lock (lines) { return lines.Any(l => l.Contains("Progressing", StringComparison.Ordinal)); } }));
        watch.Kill();
        await reader;
        Assert.Matches(@"^NAME\s+PHASE", lines[0]);
        Assert.Matches(@"^w\s+Progressing\s+20\s+1\s+\d+s$", lines.Last(l => l.Contains("Progressing", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Explain_shows_the_documentation_of_the_fields()
    {
        await ApplyCrdsAsync();

        var explained = (await _kubectl.RunAsync("explain", "modeldeployment.spec.rollout.steps.evaluate")).Succeeded();

        Assert.Contains("KIND:       ModelDeployment", explained, StringComparison.Ordinal);
        Assert.Contains("Run evaluation gates against the canary, paired with the stable revision.", explained.Replace("\n    ", " ", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.Contains("onInconclusive\t<string>", explained, StringComparison.Ordinal);
        Assert.Contains("enum: pause, fail, pass", explained, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Wait_for_a_condition_returns_once_the_status_says_so()
    {
        var ns = await sandbox.CreateNamespaceAsync("wait");
        await ApplyCrdsAsync();
        var (_, created, _) = await ApiCalls.SendAsync(sandbox.Http, HttpMethod.Post, ApiCalls.ModelDeployments(ns), ApiCalls.ModelDeployment("ready"));

        var waiting = _kubectl.RunAsync(["wait", "--for=condition=Available", "-n", ns, "md/ready", "--timeout=30s"], stdin: null, TimeSpan.FromSeconds(60));
        await Task.Delay(500);
        var status = created!.DeepClone();
        status["status"] = new JsonObject
        {
            ["conditions"] = new JsonArray(new JsonObject { ["type"] = "Available", ["status"] = "True", ["reason"] = "StableServing", ["lastTransitionTime"] = "2026-01-01T00:00:00Z" }),
        };
        await ApiCalls.SendAsync(sandbox.Http, HttpMethod.Put, $"{ApiCalls.ModelDeployments(ns)}/ready/status", status.ToJsonString());
        var result = await waiting;

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("modeldeployment.llmoperator.io/ready condition met\n", result.Output);
    }

    [Fact]
    public async Task Delete_waits_for_a_finalizer_to_be_released()
    {
        var ns = await sandbox.CreateNamespaceAsync("finalize");
        await ApiCalls.SendAsync(sandbox.Http, HttpMethod.Post, $"/api/v1/namespaces/{ns}/configmaps",
            """{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"held","finalizers":["example.com/hold"]}}""");

        var deleting = _kubectl.RunAsync(["delete", "configmap", "held", "-n", ns, "--timeout=30s"], stdin: null, TimeSpan.FromSeconds(60));
        Assert.True(await Eventually.Async(async () => (await ApiCalls.SendAsync(sandbox.Http, HttpMethod.Get, $"/api/v1/namespaces/{ns}/configmaps/held")).Body?["metadata"]?["deletionTimestamp"] is not null));
        Assert.False(deleting.IsCompleted);
        var (_, held, _) = await ApiCalls.SendAsync(sandbox.Http, HttpMethod.Get, $"/api/v1/namespaces/{ns}/configmaps/held");
        held!["metadata"]!.AsObject().Remove("finalizers");
        await ApiCalls.SendAsync(sandbox.Http, HttpMethod.Put, $"/api/v1/namespaces/{ns}/configmaps/held", held.ToJsonString());
        var result = await deleting;

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("configmap \"held\" deleted\n", result.Output);
    }

    [Fact]
    public async Task Strict_validation_refuses_an_unknown_field_and_CEL_refuses_a_bad_step()
    {
        var ns = await sandbox.CreateNamespaceAsync("strict");
        await ApplyCrdsAsync();
        const string manifest = """
            apiVersion: llmoperator.io/v1alpha1
            kind: ModelDeployment
            metadata:
              name: bad
            spec:
              model: {name: m}
              engine: mock
              replica: 2
            """;
        const string twoActions = """
            apiVersion: llmoperator.io/v1alpha1
            kind: ModelDeployment
            metadata:
              name: bad
            spec:
              model: {name: m}
              engine: mock
              rollout:
                steps:
                  - setWeight: 10
                    pause: {}
            """;

        var unknown = await _kubectl.RunAsync(["apply", "-n", ns, "-f", "-"], manifest, TimeSpan.FromSeconds(60));
        var invalid = await _kubectl.RunAsync(["apply", "-n", ns, "-f", "-"], twoActions, TimeSpan.FromSeconds(60));

        Assert.Equal(1, unknown.ExitCode);
        Assert.Contains("strict decoding error: unknown field \"spec.replica\"", unknown.Error, StringComparison.Ordinal);
        Assert.Equal(1, invalid.ExitCode);
        Assert.Contains("The ModelDeployment \"bad\" is invalid: spec.rollout.steps[0]: Invalid value: \"object\": each rollout step must set exactly one of setWeight, pause, evaluate, setCanaryScale", invalid.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_lists_built_in_kinds_in_their_usual_columns()
    {
        var ns = await sandbox.CreateNamespaceAsync("builtin");
        await ApiCalls.SendAsync(sandbox.Http, HttpMethod.Post, $"/api/v1/namespaces/{ns}/configmaps", """{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"c"},"data":{"a":"1","b":"2"}}""");

        var configMaps = (await _kubectl.RunAsync("get", "cm", "-n", ns)).Succeeded();
        var namespaces = (await _kubectl.RunAsync("get", "ns", ns)).Succeeded();

        Assert.Matches(@"^NAME\s+DATA\s+AGE\nc\s+2\s+\d+s\n$", configMaps);
        Assert.Matches($@"^NAME\s+STATUS\s+AGE\n{ns}\s+Active\s+\d+s\n$", namespaces);
    }
}
