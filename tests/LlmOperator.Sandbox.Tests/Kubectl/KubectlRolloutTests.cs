using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using LlmOperator.Sandbox.Tests.Conformance;
using LlmOperator.Testing;

namespace LlmOperator.Sandbox.Tests.Kubectl;

/// <summary>Deployments rolled out, back and around through their ReplicaSets with the real kubectl, as on a cluster.</summary>
public sealed partial class KubectlRolloutTests(SandboxFixture sandbox) : IClassFixture<SandboxFixture>, IDisposable
{
    private readonly Testing.Kubectl _kubectl = sandbox.Kubectl();

    public void Dispose() => _kubectl.Dispose();

    private static string Deployment(string image, int replicas = 2, string strategy = "RollingUpdate", string args = "[]") => $$$"""
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: web}
        spec:
          replicas: {{{replicas}}}
          strategy: {type: {{{strategy}}}}
          selector: {matchLabels: {app: web}}
          template:
            metadata: {labels: {app: web}}
            spec: {containers: [{name: server, image: "{{{image}}}", args: {{{args}}}}]}
        """;

    private async Task<string> RunAsync(params string[] args) => (await _kubectl.RunAsync(args)).Succeeded();

    private async Task<string> ApplyAsync(string ns, string manifest) =>
        (await _kubectl.RunAsync(["apply", "-n", ns, "-f", "-"], manifest, TimeSpan.FromSeconds(60))).Succeeded();

    private Task<string> RolloutStatusAsync(string ns) => RunAsync("rollout", "status", "deployment/web", "-n", ns, "--timeout=60s");

    // A Deployment rolled out twice: nginx:1.26 as revision 1 (change-cause v1), nginx:1.27 as revision 2 (v2).
    private async Task<string> TwoRevisionsAsync(string prefix)
    {
        var ns = await sandbox.CreateNamespaceAsync(prefix);
        await ApplyAsync(ns, Deployment("nginx:1.26"));
        await RunAsync("annotate", "deployment/web", "-n", ns, "kubernetes.io/change-cause=v1");
        await RolloutStatusAsync(ns);
        await RunAsync("set", "image", "deployment/web", "-n", ns, "server=nginx:1.27");
        await RunAsync("annotate", "deployment/web", "-n", ns, "--overwrite", "kubernetes.io/change-cause=v2");
        await RolloutStatusAsync(ns);
        Assert.True(await Eventually.Async(async () => (await ReplicaSetsAsync(ns)).Count(rs => (int)rs["spec"]!["replicas"]! == 0) == 1));
        return ns;
    }

    private async Task<IReadOnlyList<JsonNode>> ReplicaSetsAsync(string ns) =>
        [.. (await ApiCalls.SendAsync(sandbox.Http, HttpMethod.Get, $"/apis/apps/v1/namespaces/{ns}/replicasets")).Body!["items"]!.AsArray().Select(i => i!)];

    private async Task<JsonNode> DeploymentAsync(string ns) =>
        (await ApiCalls.SendAsync(sandbox.Http, HttpMethod.Get, $"/apis/apps/v1/namespaces/{ns}/deployments/web")).Body!;

    private static string Image(JsonNode workload) => (string)workload["spec"]!["template"]!["spec"]!["containers"]![0]!["image"]!;

    private static string? Revision(JsonNode obj) => obj["metadata"]?["annotations"]?["deployment.kubernetes.io/revision"]?.ToString();

    private async Task<JsonNode> ReplicaSetOfAsync(string ns, string image) => (await ReplicaSetsAsync(ns)).Single(rs => Image(rs) == image);

    [GeneratedRegex(@"^web-[bcdfghjklmnpqrstvwxz2456789]{1,10}$")]
    private static partial Regex ReplicaSetName();

    [Fact]
    public async Task Apply_creates_a_replica_set_named_after_the_template_hash_that_owns_the_pods()
    {
        var ns = await sandbox.CreateNamespaceAsync("rs");
        await ApplyAsync(ns, Deployment("nginx:1.26"));
        await RolloutStatusAsync(ns);

        var table = await RunAsync("get", "rs", "-n", ns, "-o", "wide");
        var replicaSet = Assert.Single(await ReplicaSetsAsync(ns));
        var name = (string)replicaSet["metadata"]!["name"]!;
        var hash = (string)replicaSet["metadata"]!["labels"]!["pod-template-hash"]!;
        var pods = (await ApiCalls.SendAsync(sandbox.Http, HttpMethod.Get, $"/api/v1/namespaces/{ns}/pods")).Body!["items"]!.AsArray();

        Assert.Matches(ReplicaSetName(), name);
        Assert.Equal($"web-{hash}", name);
        Assert.Matches($@"^NAME\s+DESIRED\s+CURRENT\s+READY\s+AGE\s+CONTAINERS\s+IMAGES\s+SELECTOR\n{name}\s+2\s+2\s+2\s+\d+s\s+server\s+nginx:1.26\s+"
            + $@"app=web,pod-template-hash={hash}\n$", table);
        var owner = replicaSet["metadata"]!["ownerReferences"]![0]!;
        Assert.Equal(
            ("Deployment", "web", true, true),
            ((string)owner["kind"]!, (string)owner["name"]!, (bool)owner["controller"]!, (bool)owner["blockOwnerDeletion"]!));
        Assert.Equal(2, pods.Count);
        Assert.All(pods, p => Assert.Matches($"^{name}-[bcdfghjklmnpqrstvwxz2456789]{{5}}$", (string)p!["metadata"]!["name"]!));
        Assert.All(pods, p => Assert.Equal(name, (string)p!["metadata"]!["ownerReferences"]![0]!["name"]!));
        Assert.All(pods, p => Assert.Equal(hash, (string)p!["metadata"]!["labels"]!["pod-template-hash"]!));
        Assert.Equal("1", Revision(await DeploymentAsync(ns)));
    }

    [Fact]
    public async Task A_new_image_rolls_out_a_second_replica_set_and_history_lists_both_revisions_with_their_change_cause()
    {
        var ns = await TwoRevisionsAsync("history");

        var table = await RunAsync("get", "rs", "-n", ns);
        var history = await RunAsync("rollout", "history", "deployment/web", "-n", ns);
        var first = await RunAsync("rollout", "history", "deployment/web", "-n", ns, "--revision=1");
        var old = await ReplicaSetOfAsync(ns, "nginx:1.26");
        var current = await ReplicaSetOfAsync(ns, "nginx:1.27");

        Assert.Matches($@"\n{old["metadata"]!["name"]}\s+0\s+0\s+0\s+", table);
        Assert.Matches($@"\n{current["metadata"]!["name"]}\s+2\s+2\s+2\s+", table);
        Assert.Equal(("1", "2", "2"), (Revision(old), Revision(current), Revision(await DeploymentAsync(ns))));
        Assert.Equal(("2", "3"), (
            (string)current["metadata"]!["annotations"]!["deployment.kubernetes.io/desired-replicas"]!,
            (string)current["metadata"]!["annotations"]!["deployment.kubernetes.io/max-replicas"]!));
        Assert.Equal("deployment.apps/web \nREVISION  CHANGE-CAUSE\n1         v1\n2         v2\n\n", history);
        Assert.StartsWith("deployment.apps/web with revision #1\nPod Template:\n", first, StringComparison.Ordinal);
        Assert.Contains("Image:\tnginx:1.26", first, StringComparison.Ordinal);
        Assert.Contains("kubernetes.io/change-cause: v1", first, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Undo_brings_back_the_previous_template_as_the_next_revision_and_to_revision_picks_one()
    {
        var ns = await TwoRevisionsAsync("undo");

        var undone = await RunAsync("rollout", "undo", "deployment/web", "-n", ns);
        await RolloutStatusAsync(ns);
        var afterUndo = await DeploymentAsync(ns);
        var reused = await ReplicaSetOfAsync(ns, "nginx:1.26");
        var history = await RunAsync("rollout", "history", "deployment/web", "-n", ns);
        var again = await RunAsync("rollout", "undo", "deployment/web", "-n", ns, "--to-revision=2");
        await RolloutStatusAsync(ns);
        var afterSecondUndo = await DeploymentAsync(ns);

        Assert.Equal("deployment.apps/web rolled back\n", undone);
        Assert.Equal(
            ("nginx:1.26", "3", "v1"),
            (Image(afterUndo), Revision(afterUndo), (string?)afterUndo["metadata"]!["annotations"]!["kubernetes.io/change-cause"]));
        Assert.Equal(2, (await ReplicaSetsAsync(ns)).Count);
        Assert.Equal(("3", "1"), (Revision(reused), (string?)reused["metadata"]!["annotations"]!["deployment.kubernetes.io/revision-history"]));
        Assert.Equal("deployment.apps/web \nREVISION  CHANGE-CAUSE\n2         v2\n3         v1\n\n", history);
        Assert.Equal("deployment.apps/web rolled back\n", again);
        Assert.Equal(("nginx:1.27", "4"), (Image(afterSecondUndo), Revision(afterSecondUndo)));
        Assert.Equal(2, (await ReplicaSetsAsync(ns)).Count);
    }

    [Fact]
    public async Task Restart_creates_a_new_replica_set_and_rollout_status_waits_for_it()
    {
        var ns = await sandbox.CreateNamespaceAsync("restart");
        await ApplyAsync(ns, Deployment("nginx:1.26"));
        await RolloutStatusAsync(ns);

        var restarted = await RunAsync("rollout", "restart", "deployment/web", "-n", ns);
        var status = await RolloutStatusAsync(ns);
        var sets = await ReplicaSetsAsync(ns);

        Assert.Equal("deployment.apps/web restarted\n", restarted);
        Assert.EndsWith("deployment \"web\" successfully rolled out\n", status, StringComparison.Ordinal);
        Assert.Equal(2, sets.Count);
        var current = sets.Single(rs => Revision(rs) == "2");
        Assert.NotNull(current["spec"]!["template"]!["metadata"]!["annotations"]!["kubectl.kubernetes.io/restartedAt"]);
        Assert.Equal(2, (int)current["status"]!["readyReplicas"]!);
        Assert.Equal(0, (int)sets.Single(rs => Revision(rs) == "1")["spec"]!["replicas"]!);
    }

    [Fact]
    public async Task Pause_holds_a_new_template_back_until_resume()
    {
        var ns = await sandbox.CreateNamespaceAsync("pause");
        await ApplyAsync(ns, Deployment("nginx:1.26"));
        await RolloutStatusAsync(ns);

        var paused = await RunAsync("rollout", "pause", "deployment/web", "-n", ns);
        await RunAsync("set", "image", "deployment/web", "-n", ns, "server=nginx:1.27");
        Assert.True(await Eventually.Async(async () =>
        {
            var deployment = await DeploymentAsync(ns);
            return (long)deployment["status"]!["observedGeneration"]! == (long)deployment["metadata"]!["generation"]!;
        }));
        var whilePaused = await DeploymentAsync(ns);
        var setsWhilePaused = await ReplicaSetsAsync(ns);
        var resumed = await RunAsync("rollout", "resume", "deployment/web", "-n", ns);
        await RolloutStatusAsync(ns);

        Assert.Equal("deployment.apps/web paused\n", paused);
        Assert.Equal("nginx:1.26", Image(Assert.Single(setsWhilePaused)));
        var progressing = whilePaused["status"]!["conditions"]!.AsArray().Single(c => (string)c!["type"]! == "Progressing")!;
        Assert.Equal(("Unknown", "DeploymentPaused"), ((string)progressing["status"]!, (string)progressing["reason"]!));
        Assert.Equal("deployment.apps/web resumed\n", resumed);
        Assert.Equal("2", Revision(await ReplicaSetOfAsync(ns, "nginx:1.27")));
    }

    [Fact]
    public async Task Describe_shows_the_replica_sets_and_the_scaling_events()
    {
        var ns = await TwoRevisionsAsync("describe");
        var old = (string)(await ReplicaSetOfAsync(ns, "nginx:1.26"))["metadata"]!["name"]!;
        var current = (string)(await ReplicaSetOfAsync(ns, "nginx:1.27"))["metadata"]!["name"]!;

        var described = await RunAsync("describe", "deployment", "web", "-n", ns);

        Assert.Matches(@"Replicas:\s+2 desired \| 2 updated \| 2 total \| 2 available \| 0 unavailable\n", described);
        Assert.Matches(@"Available\s+True\s+MinimumReplicasAvailable\n\s+Progressing\s+True\s+NewReplicaSetAvailable\n", described);
        Assert.Contains("OldReplicaSets:  ", described, StringComparison.Ordinal);
        Assert.Contains($"NewReplicaSet:   {current} (2/2 replicas created)\n", described, StringComparison.Ordinal);
        Assert.Matches($@"Normal\s+ScalingReplicaSet\s+\S+\s+deployment-controller\s+Scaled up replica set {old} from 0 to 2\n", described);
        Assert.Matches($@"Normal\s+ScalingReplicaSet\s+\S+\s+deployment-controller\s+Scaled up replica set {current} from 0 to 2\n", described);
        Assert.Matches($@"Normal\s+ScalingReplicaSet\s+\S+\s+deployment-controller\s+Scaled down replica set {old} from 2 to 0\n", described);
    }

    [Fact]
    public async Task Scale_resizes_the_new_replica_set_and_records_it()
    {
        var ns = await sandbox.CreateNamespaceAsync("scale-rs");
        await ApplyAsync(ns, Deployment("nginx:1.26"));
        await RolloutStatusAsync(ns);

        var scaled = await RunAsync("scale", "deployment", "web", "-n", ns, "--replicas=3");
        await RolloutStatusAsync(ns);
        var replicaSet = Assert.Single(await ReplicaSetsAsync(ns));
        var events = await RunAsync("get", "events", "-n", ns, "--field-selector", "involvedObject.kind=Deployment", "-o", "jsonpath={.items[*].message}");

        Assert.Equal("deployment.apps/web scaled\n", scaled);
        Assert.Equal((3, 3), ((int)replicaSet["spec"]!["replicas"]!, (int)replicaSet["status"]!["readyReplicas"]!));
        Assert.Equal("3", (string)replicaSet["metadata"]!["annotations"]!["deployment.kubernetes.io/desired-replicas"]!);
        Assert.Contains($"Scaled up replica set {replicaSet["metadata"]!["name"]} from 2 to 3", events, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Recreate_stops_the_old_pods_before_the_new_replica_set_starts()
    {
        var ns = await sandbox.CreateNamespaceAsync("recreate");
        await ApplyAsync(ns, Deployment("nginx:1.26", strategy: "Recreate"));
        await RolloutStatusAsync(ns);

        await ApplyAsync(ns, Deployment("nginx:1.27", strategy: "Recreate"));
        await RolloutStatusAsync(ns);
        var events = (await RunAsync("get", "events", "-n", ns, "--field-selector", "involvedObject.kind=Deployment",
            "--sort-by=.metadata.name", "-o", "jsonpath={range .items[*]}{.message}{\"\\n\"}{end}")).Split('\n', StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal(3, events.Length);
        Assert.StartsWith("Scaled down replica set", events[1], StringComparison.Ordinal);
        Assert.StartsWith("Scaled up replica set", events[2], StringComparison.Ordinal);
        Assert.Equal(2, (await ReplicaSetsAsync(ns)).Count);
    }

    [Theory]
    [InlineData("background")]
    [InlineData("foreground")]
    public async Task Delete_removes_the_replica_sets_and_their_pods(string cascade)
    {
        var ns = await sandbox.CreateNamespaceAsync("delete");
        await ApplyAsync(ns, Deployment("nginx:1.26"));
        await RolloutStatusAsync(ns);

        var deleted = await RunAsync("delete", "deployment", "web", "-n", ns, $"--cascade={cascade}");

        Assert.Equal("deployment.apps \"web\" deleted\n", deleted);
        Assert.True(await Eventually.Async(async () => (await ReplicaSetsAsync(ns)).Count == 0));
        Assert.True(await Eventually.Async(async () =>
            (await ApiCalls.SendAsync(sandbox.Http, HttpMethod.Get, $"/api/v1/namespaces/{ns}/pods")).Body!["items"]!.AsArray().Count == 0));
    }

    [Fact]
    public async Task Delete_with_orphan_keeps_the_replica_set_and_its_pods_and_applying_again_adopts_them()
    {
        var ns = await sandbox.CreateNamespaceAsync("orphan");
        await ApplyAsync(ns, Deployment("nginx:1.26"));
        await RolloutStatusAsync(ns);
        var before = Assert.Single(await ReplicaSetsAsync(ns));

        await RunAsync("delete", "deployment", "web", "-n", ns, "--cascade=orphan");
        var orphaned = Assert.Single(await ReplicaSetsAsync(ns));
        var pods = (await ApiCalls.SendAsync(sandbox.Http, HttpMethod.Get, $"/api/v1/namespaces/{ns}/pods")).Body!["items"]!.AsArray();
        await ApplyAsync(ns, Deployment("nginx:1.26"));
        await RolloutStatusAsync(ns);
        var adopted = Assert.Single(await ReplicaSetsAsync(ns));

        Assert.Null(orphaned["metadata"]!["ownerReferences"]);
        Assert.Equal(2, pods.Count);
        Assert.Equal(before["metadata"]!["uid"]!.ToString(), adopted["metadata"]!["uid"]!.ToString());
        Assert.Equal((await DeploymentAsync(ns))["metadata"]!["uid"]!.ToString(), adopted["metadata"]!["ownerReferences"]![0]!["uid"]!.ToString());
    }

    [Fact]
    public async Task Logs_of_a_deployment_and_of_a_selector_reach_its_pods()
    {
        var ns = await sandbox.CreateNamespaceAsync("logs");
        await ApplyAsync(ns, Deployment("ghcr.io/llmoperator/llmop:0.1.0", replicas: 1, args: """["sandbox", "--port", "0", "--no-operator"]"""));
        await RolloutStatusAsync(ns);
        const string Listening = "sandbox API server listening on";

        Assert.True(await Eventually.Async(async () => (await RunAsync("logs", "deployment/web", "-n", ns)).Contains(Listening, StringComparison.Ordinal)));
        Assert.True(await Eventually.Async(async () => (await RunAsync("logs", "-l", "app=web", "-n", ns)).Contains(Listening, StringComparison.Ordinal)));
    }
}
