using System.Text.Json.Nodes;
using LlmOperator.Testing;

namespace LlmOperator.Sandbox.Tests.Kubectl;

/// <summary>
/// RBAC in the sandbox as kubectl and pods meet it: <c>kubectl auth can-i</c> (with <c>--as</c> and <c>--list</c>), a
/// Forbidden <c>kubectl get</c>, pods whose service account is missing, and the token each pod's process gets.
/// </summary>
public sealed class KubectlAuthorizationTests(CrdSandboxFixture sandbox) : IClassFixture<CrdSandboxFixture>, IDisposable
{
    private const string OperatorImage = "ghcr.io/llmoperator/llmop:0.1.0";
    private readonly Testing.Kubectl _kubectl = sandbox.Kubectl();

    public void Dispose() => _kubectl.Dispose();

    [Fact]
    public async Task Can_i_says_no_until_a_role_binding_grants_the_verb_and_list_shows_the_granted_rules()
    {
        var ns = await sandbox.CreateNamespaceAsync("can-i");
        var account = $"system:serviceaccount:{ns}:deployer";

        var before = await _kubectl.RunAsync("auth", "can-i", "create", "deployments", $"--as={account}", "-n", ns);
        await ApplyAsync(ns, Role("deployer", """{"apiGroups":["apps"],"resources":["deployments"],"verbs":["create","get"]}"""),
            Binding("deployer", "Role", "deployer", """{"kind":"ServiceAccount","name":"deployer"}"""));
        var after = await _kubectl.RunAsync("auth", "can-i", "create", "deployments", $"--as={account}", "-n", ns);
        var elsewhere = await _kubectl.RunAsync("auth", "can-i", "create", "deployments", $"--as={account}", "-n", "default");
        var list = (await _kubectl.RunAsync("auth", "can-i", "--list", $"--as={account}", "-n", ns)).Succeeded();
        var admin = (await _kubectl.RunAsync("auth", "can-i", "delete", "secrets", "-A")).Succeeded();

        Assert.Equal((1, "no\n"), (before.ExitCode, before.Output));
        Assert.Equal((0, "yes\n"), (after.ExitCode, after.Output));
        Assert.Equal((1, "no\n"), (elsewhere.ExitCode, elsewhere.Output));
        Assert.Matches(@"(?m)^deployments\.apps\s+\[\]\s+\[\]\s+\[create get\]$", list);
        Assert.Matches(@"(?m)^selfsubjectaccessreviews\.authorization\.k8s\.io\s+\[\]\s+\[\]\s+\[create\]$", list);
        Assert.Matches(@"(?m)^\s+\[/apis/\*\]\s+\[\]\s+\[get\]$", list);
        Assert.Equal("yes\n", admin);
    }

    [Fact]
    public async Task Get_as_a_service_account_without_a_binding_is_forbidden_with_the_api_server_s_message()
    {
        var ns = await sandbox.CreateNamespaceAsync("forbidden");

        var denied = await _kubectl.RunAsync("get", "secrets", "-n", ns, $"--as=system:serviceaccount:{ns}:nobody");
        var named = await _kubectl.RunAsync("get", "configmap", "settings", "-n", ns, "--as=jane", "--as-group=developers");

        Assert.Equal(1, denied.ExitCode);
        Assert.Equal(
            $"Error from server (Forbidden): secrets is forbidden: User \"system:serviceaccount:{ns}:nobody\" cannot list resource \"secrets\" "
                + $"in API group \"\" in the namespace \"{ns}\"\n",
            denied.Error);
        Assert.Equal(
            $"Error from server (Forbidden): configmaps \"settings\" is forbidden: User \"jane\" cannot get resource \"configmaps\" "
                + $"in API group \"\" in the namespace \"{ns}\"\n",
            named.Error);
    }

    [Fact]
    public async Task A_cluster_role_with_an_aggregation_rule_gets_the_rules_of_the_roles_it_selects()
    {
        var ns = await sandbox.CreateNamespaceAsync("aggregate");
        await ApplyAsync(ns, new JsonObject
        {
            ["apiVersion"] = "rbac.authorization.k8s.io/v1",
            ["kind"] = "ClusterRole",
            ["metadata"] = new JsonObject { ["name"] = $"{ns}-monitoring" },
            ["aggregationRule"] = new JsonObject
            {
                ["clusterRoleSelectors"] = new JsonArray(new JsonObject { ["matchLabels"] = new JsonObject { [$"example.com/aggregate-to-{ns}"] = "true" } }),
            },
        }, Binding("monitor", "ClusterRole", $"{ns}-monitoring", """{"kind":"ServiceAccount","name":"monitor"}"""));
        var account = $"--as=system:serviceaccount:{ns}:monitor";
        var before = await _kubectl.RunAsync("auth", "can-i", "list", "pods", account, "-n", ns);

        var part = JsonNode.Parse($$$"""
            {"apiVersion":"rbac.authorization.k8s.io/v1","kind":"ClusterRole",
             "metadata":{"name":"{{{ns}}}-pods","labels":{"example.com/aggregate-to-{{{ns}}}":"true"}},
             "rules":[{"apiGroups":[""],"resources":["pods"],"verbs":["list"]}]}
            """)!;
        await ApplyAsync(ns, part);

        Assert.Equal("no\n", before.Output);
        Assert.True(await Eventually.Async(async () => (await _kubectl.RunAsync("auth", "can-i", "list", "pods", account, "-n", ns)).Output == "yes\n"));
        var rules = (await _kubectl.RunAsync("get", "clusterrole", $"{ns}-monitoring", "-o", "jsonpath={.rules}")).Succeeded();
        Assert.Equal("""[{"apiGroups":[""],"resources":["pods"],"verbs":["list"]}]""", rules);
    }

    [Fact]
    public async Task A_pod_whose_service_account_is_missing_is_refused_and_a_job_s_pod_waits_for_it()
    {
        var ns = await sandbox.CreateNamespaceAsync("no-sa");
        var pod = JsonNode.Parse($$$"""
            {"apiVersion":"v1","kind":"Pod","metadata":{"name":"lonely","namespace":"{{{ns}}}"},
             "spec":{"serviceAccountName":"ghost","containers":[{"name":"c","image":"busybox"}]}}
            """)!;

        var refused = await _kubectl.RunAsync(["apply", "-f", "-"], pod.ToJsonString(), TimeSpan.FromSeconds(60));
        await ApplyAsync(ns, Job("later", "late", "busybox", []));
        var events = await WaitForOutputAsync(["get", "events", "-n", ns, "--field-selector", "involvedObject.name=later"], "FailedCreate");
        await ApplyAsync(ns, ServiceAccount("late"));

        Assert.Equal(1, refused.ExitCode);
        Assert.Contains(
            $"pods \"lonely\" is forbidden: error looking up service account {ns}/ghost: serviceaccount \"ghost\" not found",
            refused.Error,
            StringComparison.Ordinal);
        Assert.Contains(
            $"Error creating: pods \"later-\" is forbidden: error looking up service account {ns}/late: serviceaccount \"late\" not found", events,
            StringComparison.Ordinal);
        await WaitForOutputAsync(["get", "job", "later", "-n", ns, "-o", "jsonpath={.status.succeeded}"], "1");
        Assert.Equal("default", (await _kubectl.RunAsync("get", "serviceaccount", "default", "-n", ns, "-o", "jsonpath={.metadata.name}")).Succeeded());
    }

    [Fact]
    public async Task A_pod_process_acts_as_its_service_account_and_is_allowed_only_what_its_bindings_grant()
    {
        var ns = await sandbox.CreateNamespaceAsync("pod-rbac");
        await ApplyAsync(ns, ServiceAccount("reader"), ModelDeployment("chat"), Job("denied", "reader", OperatorImage, ["status", "chat", "-n", ns]));
        await WaitForOutputAsync(["get", "job", "denied", "-n", ns, "-o", "jsonpath={.status.failed}"], "1");
        var deniedLog = (await _kubectl.RunAsync("logs", "job/denied", "-n", ns)).Succeeded();

        await ApplyAsync(ns,
            Role("status-reader",
                """{"apiGroups":["llmoperator.io"],"resources":["modeldeployments","evaluationruns"],"verbs":["get","list"]}""",
                """{"apiGroups":["apps"],"resources":["deployments"],"verbs":["list"]}"""),
            Binding("status-reader", "Role", "status-reader", """{"kind":"ServiceAccount","name":"reader"}"""),
            Job("allowed", "reader", OperatorImage, ["status", "chat", "-n", ns]));
        await WaitForOutputAsync(["get", "job", "allowed", "-n", ns, "-o", "jsonpath={.status.succeeded}"], "1");
        var allowedLog = (await _kubectl.RunAsync("logs", "job/allowed", "-n", ns)).Succeeded();

        Assert.Contains(
            $"modeldeployments.llmoperator.io \"chat\" is forbidden: User \"system:serviceaccount:{ns}:reader\" cannot get resource \"modeldeployments\" "
                + $"in API group \"llmoperator.io\" in the namespace \"{ns}\"",
            deniedLog,
            StringComparison.Ordinal);
        Assert.Contains("chat", allowedLog, StringComparison.Ordinal);
        Assert.DoesNotContain("forbidden", allowedLog, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_pod_s_token_names_its_service_account_and_stops_working_when_the_pod_is_deleted()
    {
        var ns = await sandbox.CreateNamespaceAsync("token");
        await ApplyAsync(ns, ServiceAccount("watcher"), ModelDeployment("chat"),
            Role("watch-models", """{"apiGroups":["llmoperator.io","apps"],"resources":["modeldeployments","evaluationruns","deployments"],"verbs":["*"]}"""),
            Binding("watch-models", "Role", "watch-models", """{"kind":"ServiceAccount","name":"watcher"}"""),
            Pod("watching", "watcher", ["status", "chat", "-n", ns, "--watch"]));
        await WaitForOutputAsync(["get", "pod", "watching", "-n", ns, "-o", "jsonpath={.status.phase}"], "Running");
        var uid = (await _kubectl.RunAsync("get", "pod", "watching", "-n", ns, "-o", "jsonpath={.metadata.uid}")).Succeeded();
        using var copy = new TempDirectory();
        var kubeconfig = Path.Combine(copy.Path, "pod.kubeconfig");
        File.Copy(Path.Combine(Path.GetTempPath(), "llmop-sandbox-pods", ns, "watching", $"{uid}.kubeconfig"), kubeconfig);
        using var asPod = new Testing.Kubectl(kubeconfig);

        var models = await asPod.RunAsync("get", "md", "-n", ns, "-o", "name");
        var secrets = await asPod.RunAsync("auth", "can-i", "get", "secrets", "-n", ns);
        (await _kubectl.RunAsync("delete", "pod", "watching", "-n", ns)).Succeeded();
        var afterDeletion = await asPod.RunAsync("get", "md", "-n", ns);

        Assert.Equal("modeldeployment.llmoperator.io/chat\n", models.Succeeded());
        Assert.Equal("no\n", secrets.Output);
        Assert.Equal(1, afterDeletion.ExitCode);
        Assert.Contains("error: You must be logged in to the server (Unauthorized)", afterDeletion.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_token_gives_a_token_that_acts_as_the_service_account_while_it_exists()
    {
        var ns = await sandbox.CreateNamespaceAsync("create-token");
        await ApplyAsync(ns, ServiceAccount("robot"), Role("read-pods", """{"apiGroups":[""],"resources":["pods"],"verbs":["list"]}"""),
            Binding("read-pods", "Role", "read-pods", """{"kind":"ServiceAccount","name":"robot"}"""));

        var token = (await _kubectl.RunAsync("create", "token", "robot", "-n", ns)).Succeeded().Trim();
        var pods = await _kubectl.RunAsync("get", "pods", "-n", ns, $"--token={token}");
        var secrets = await _kubectl.RunAsync("get", "secrets", "-n", ns, $"--token={token}");
        (await _kubectl.RunAsync("delete", "serviceaccount", "robot", "-n", ns)).Succeeded();
        var afterDeletion = await _kubectl.RunAsync("get", "pods", "-n", ns, $"--token={token}");

        Assert.Equal(0, pods.ExitCode);
        Assert.Contains($"User \"system:serviceaccount:{ns}:robot\" cannot list resource \"secrets\"", secrets.Error, StringComparison.Ordinal);
        Assert.Contains("(Unauthorized)", afterDeletion.Error, StringComparison.Ordinal);
    }

    private async Task ApplyAsync(string ns, params JsonNode[] manifests)
    {
        foreach (var manifest in manifests)
        {
            (await _kubectl.RunAsync(["apply", "-n", ns, "-f", "-"], manifest.ToJsonString(), TimeSpan.FromSeconds(60))).Succeeded();
        }
    }

    private async Task<string> WaitForOutputAsync(string[] args, string expected)
    {
        var last = "";
        Assert.True(
            await Eventually.Async(async () => (last = (await _kubectl.RunAsync(args)).Output).Contains(expected, StringComparison.Ordinal)),
            $"kubectl {string.Join(' ', args)} never printed {expected}: {last}");
        return last;
    }

    private static JsonNode Role(string name, params string[] rules) => JsonNode.Parse($$"""
        {"apiVersion":"rbac.authorization.k8s.io/v1","kind":"Role","metadata":{"name":"{{name}}"},"rules":[{{string.Join(',', rules)}}]}
        """)!;

    private static JsonNode Binding(string name, string roleKind, string role, string subject) => JsonNode.Parse($$"""
        {"apiVersion":"rbac.authorization.k8s.io/v1","kind":"RoleBinding","metadata":{"name":"{{name}}"},
         "roleRef":{"apiGroup":"rbac.authorization.k8s.io","kind":"{{roleKind}}","name":"{{role}}"},"subjects":[{{subject}}]}
        """)!;

    private static JsonNode ServiceAccount(string name) =>
        JsonNode.Parse($$$"""{"apiVersion":"v1","kind":"ServiceAccount","metadata":{"name":"{{{name}}}"}}""")!;

    private static JsonNode ModelDeployment(string name) => JsonNode.Parse($$$"""
        {"apiVersion":"llmoperator.io/v1alpha1","kind":"ModelDeployment","metadata":{"name":"{{{name}}}"},"spec":{"model":{"name":"m"},"engine":"mock"}}
        """)!;

    private static JsonObject PodSpec(string account, string image, string[] args) => new()
    {
        ["serviceAccountName"] = account,
        ["restartPolicy"] = "Never",
        ["containers"] = new JsonArray(new JsonObject { ["name"] = "main", ["image"] = image, ["args"] = new JsonArray([.. args.Select(a => (JsonNode?)a)]) }),
    };

    private static JsonObject Pod(string name, string account, string[] args) => new JsonObject
    {
        ["apiVersion"] = "v1",
        ["kind"] = "Pod",
        ["metadata"] = new JsonObject { ["name"] = name },
        ["spec"] = PodSpec(account, OperatorImage, args),
    };

    private static JsonObject Job(string name, string account, string image, string[] args) => new JsonObject
    {
        ["apiVersion"] = "batch/v1",
        ["kind"] = "Job",
        ["metadata"] = new JsonObject { ["name"] = name },
        ["spec"] = new JsonObject { ["backoffLimit"] = 0, ["template"] = new JsonObject { ["spec"] = PodSpec(account, image, args) } },
    };
}
