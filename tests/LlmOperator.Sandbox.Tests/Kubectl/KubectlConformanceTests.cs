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

        var applied = (await _kubectl.RunAsync("apply", "-n", ns, "--recursive", "-f", Samples)).Succeeded();
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
        Assert.Contains(
            "Run evaluation gates against the canary, paired with the stable revision.",
            explained.Replace("\n    ", " ", StringComparison.Ordinal),
            StringComparison.Ordinal);
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
            ["conditions"] = new JsonArray(new JsonObject
            {
                ["type"] = "Available",
                ["status"] = "True",
                ["reason"] = "StableServing",
                ["lastTransitionTime"] = "2026-01-01T00:00:00Z",
            }),
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
        Assert.True(await Eventually.Async(async () =>
            (await ApiCalls.SendAsync(sandbox.Http, HttpMethod.Get, $"/api/v1/namespaces/{ns}/configmaps/held"))
                .Body?["metadata"]?["deletionTimestamp"] is not null));
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
        Assert.Contains(
            "The ModelDeployment \"bad\" is invalid: spec.rollout.steps[0]: Invalid value: \"object\": "
                + "each rollout step must set exactly one of setWeight, pause, evaluate, setCanaryScale",
            invalid.Error,
            StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_lists_built_in_kinds_in_their_usual_columns()
    {
        var ns = await sandbox.CreateNamespaceAsync("builtin");
        await ApiCalls.SendAsync(sandbox.Http, HttpMethod.Post, $"/api/v1/namespaces/{ns}/configmaps",
            """{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"c"},"data":{"a":"1","b":"2"}}""");

        var configMaps = (await _kubectl.RunAsync("get", "cm", "-n", ns)).Succeeded();
        var namespaces = (await _kubectl.RunAsync("get", "ns", ns)).Succeeded();

        Assert.Matches(@"^NAME\s+DATA\s+AGE\nc\s+2\s+\d+s\n$", configMaps);
        Assert.Matches($@"^NAME\s+STATUS\s+AGE\n{ns}\s+Active\s+\d+s\n$", namespaces);
    }

    [Fact]
    public async Task Apply_again_patches_label_and_status_patch_change_the_object()
    {
        var ns = await sandbox.CreateNamespaceAsync("patch");
        await ApplyCrdsAsync();
        var file = Path.Combine(Samples, "models", "modeldeployment-llama-vllm.yaml");
        (await _kubectl.RunAsync("apply", "-n", ns, "-f", file)).Succeeded();

        var edited = File.ReadAllText(file).Replace("replicas: 3", "replicas: 4", StringComparison.Ordinal);
        var reapplied = await _kubectl.RunAsync(["apply", "-n", ns, "-f", "-"], edited, TimeSpan.FromSeconds(60));
        var labelled = (await _kubectl.RunAsync("label", "md", "llama-chat", "-n", ns, "team=ml")).Succeeded();
        var patched = (await _kubectl.RunAsync("patch", "md", "llama-chat", "-n", ns, "--subresource=status", "--type=merge",
            "-p", "{\"status\":{\"phase\":\"Healthy\",\"stableRevision\":\"r1\"}}")).Succeeded();
        var table = (await _kubectl.RunAsync("get", "md", "llama-chat", "-n", ns, "--show-labels")).Succeeded();
        var failedTest = await _kubectl.RunAsync("patch", "md", "llama-chat", "-n", ns, "--type=json",
            "-p", "[{\"op\":\"test\",\"path\":\"/spec/replicas\",\"value\":7}]");
        var (_, live, _) = await ApiCalls.SendAsync(sandbox.Http, HttpMethod.Get, $"{ApiCalls.ModelDeployments(ns)}/llama-chat");

        Assert.Equal("modeldeployment.llmoperator.io/llama-chat configured\n", reapplied.Succeeded());
        Assert.Equal("modeldeployment.llmoperator.io/llama-chat labeled\n", labelled);
        Assert.Equal("modeldeployment.llmoperator.io/llama-chat patched\n", patched);
        Assert.Matches(@"llama-chat\s+Healthy\s+r1\s+\d+s\s+.*team=ml", table);
        Assert.Equal(1, failedTest.ExitCode);
        Assert.Contains("the server rejected our request due to an error in our request", failedTest.Error, StringComparison.Ordinal);
        Assert.Equal(4, (int)live!["spec"]!["replicas"]!);
        Assert.Equal(2, (int)live["metadata"]!["generation"]!);
    }

    [Fact]
    public async Task Server_side_apply_creates_then_updates_and_reports_conflicts()
    {
        var ns = await sandbox.CreateNamespaceAsync("ssa");
        await ApplyCrdsAsync();
        const string manifest = """
            apiVersion: llmoperator.io/v1alpha1
            kind: ModelDeployment
            metadata:
              name: ssa
            spec:
              model: {name: m}
              engine: mock
              replicas: 2
            """;

        var created = await _kubectl.RunAsync(["apply", "--server-side", "-n", ns, "-f", "-"], manifest, TimeSpan.FromSeconds(60));
        var conflict = await _kubectl.RunAsync(
            ["apply", "--server-side", "--field-manager=team-b", "-n", ns, "-f", "-"],
            manifest.Replace("replicas: 2", "replicas: 5", StringComparison.Ordinal),
            TimeSpan.FromSeconds(60));
        var forced = await _kubectl.RunAsync(
            ["apply", "--server-side", "--force-conflicts", "--field-manager=team-b", "-n", ns, "-f", "-"],
            manifest.Replace("replicas: 2", "replicas: 5", StringComparison.Ordinal),
            TimeSpan.FromSeconds(60));
        var (_, live, _) = await ApiCalls.SendAsync(sandbox.Http, HttpMethod.Get, $"{ApiCalls.ModelDeployments(ns)}/ssa");

        Assert.Equal("modeldeployment.llmoperator.io/ssa serverside-applied\n", created.Succeeded());
        Assert.Equal(1, conflict.ExitCode);
        Assert.Contains("Apply failed with 1 conflict: conflict with \"kubectl\": .spec.replicas", conflict.Error, StringComparison.Ordinal);
        Assert.Equal("modeldeployment.llmoperator.io/ssa serverside-applied\n", forced.Succeeded());
        Assert.Equal(5, (int)live!["spec"]!["replicas"]!);
        Assert.Contains(live["metadata"]!["managedFields"]!.AsArray(), m => (string)m!["manager"]! == "team-b" && (string)m["operation"]! == "Apply");
    }

    [Fact]
    public async Task Scale_changes_a_deployment_s_replicas_and_its_pods_follow()
    {
        var ns = await sandbox.CreateNamespaceAsync("scale");
        const string deployment = """
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: web}
            spec:
              replicas: 1
              selector: {matchLabels: {app: web}}
              template:
                metadata: {labels: {app: web}}
                spec: {containers: [{name: c, image: nginx}]}
            """;
        (await _kubectl.RunAsync(["apply", "-n", ns, "-f", "-"], deployment, TimeSpan.FromSeconds(60))).Succeeded();

        var scaled = (await _kubectl.RunAsync("scale", "deployment", "web", "-n", ns, "--replicas=3")).Succeeded();
        var rolled = await _kubectl.RunAsync(["rollout", "status", "deployment/web", "-n", ns, "--timeout=30s"], stdin: null, TimeSpan.FromSeconds(60));
        var pods = (await _kubectl.RunAsync("get", "pods", "-n", ns, "-l", "app=web", "--no-headers")).Succeeded();

        Assert.Equal("deployment.apps/web scaled\n", scaled);
        Assert.Equal(0, rolled.ExitCode);
        Assert.Contains("successfully rolled out", rolled.Output, StringComparison.Ordinal);
        Assert.Equal(3, pods.Split('\n', StringSplitOptions.RemoveEmptyEntries).Count(l => l.Contains("Running", StringComparison.Ordinal)));
    }
}
