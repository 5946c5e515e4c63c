using System.Text.Json.Nodes;
using LlmOperator.Testing;

namespace LlmOperator.Sandbox.Tests.Kubectl;

/// <summary>
/// kubectl's typed commands (create, run) send Kubernetes protobuf: what they store must be what the same command prints
/// with --dry-run=client -o json (the JSON it would otherwise send), give or take the fields the server sets.
/// </summary>
public sealed class KubectlCreateTests(SandboxFixture sandbox) : IClassFixture<SandboxFixture>, IDisposable
{
    private readonly Testing.Kubectl _kubectl = sandbox.Kubectl();
    private readonly TempDirectory _files = new();

    public void Dispose()
    {
        _kubectl.Dispose();
        _files.Dispose();
    }

    [Fact]
    public async Task Create_namespace_sends_protobuf_and_the_namespace_exists()
    {
        sandbox.Server.Requests.Clear();

        await AssertStoredAsDryRunSaysAsync("namespace", "from-protobuf", null, ["create", "namespace", "from-protobuf"]);

        var create = Assert.Single(sandbox.Server.Requests.Snapshot(), r => r.Verb == "create");
        Assert.Equal(("/api/v1/namespaces", 201, "application/vnd.kubernetes.protobuf"), (create.Path, create.Status, create.ContentType));
        Assert.Contains("fieldManager=kubectl-create", create.Query, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("deployment", "web", "create deployment web --image=nginx:1.27 --replicas=2 --port=80")]
    [InlineData("configmap", "settings", "create configmap settings --from-literal=greeting=hello --from-literal=empty=")]
    [InlineData("service", "front", "create service clusterip front --tcp=80:8080 --tcp=443:8443")]
    [InlineData("job", "once", "create job once --image=busybox:1.36 -- echo hi")]
    [InlineData("serviceaccount", "robot", "create serviceaccount robot")]
    [InlineData("role", "reader", "create role reader --verb=get,list,watch --resource=pods,deployments.apps,configmaps --resource-name=settings")]
    [InlineData("rolebinding", "reader", "create rolebinding reader --role=reader --serviceaccount={ns}:robot --user=alice")]
    [InlineData("pod", "shell", "run shell --image=busybox:1.36 --labels=app=shell,tier=debug --env=MODE=debug --port=8080 --restart=Never -- sleep 3600")]
    public async Task A_typed_command_stores_what_it_would_have_sent_as_json(string resource, string name, string command)
    {
        var ns = await sandbox.CreateNamespaceAsync(resource);

        await AssertStoredAsDryRunSaysAsync(resource, name, ns, command.Replace("{ns}", ns, StringComparison.Ordinal).Split(' '));
    }

    [Theory]
    [InlineData("clusterrole", "protobuf-viewer", "create clusterrole protobuf-viewer --verb=get,list --resource=pods,deployments.apps")]
    [InlineData("clusterrolebinding", "protobuf-viewer", "create clusterrolebinding protobuf-viewer --clusterrole=protobuf-viewer --user=alice --group=devs")]
    public async Task A_typed_command_stores_a_cluster_scoped_object_as_its_json_would(string resource, string name, string command)
    {
        await AssertStoredAsDryRunSaysAsync(resource, name, null, command.Split(' '));
    }

    [Fact]
    public async Task Create_secret_generic_keeps_every_byte_of_a_binary_value()
    {
        var ns = await sandbox.CreateNamespaceAsync("secret");
        byte[] binary = [0x00, 0xff, 0xc3, 0xa9, 0x0a, 0x80];
        var file = Path.Combine(_files.Path, "key.bin");
        await File.WriteAllBytesAsync(file, binary);

        await AssertStoredAsDryRunSaysAsync(
            "secret", "creds", ns, ["create", "secret", "generic", "creds", $"--from-file=key.bin={file}", "--from-literal=user=é"]);
        var stored = JsonNode.Parse((await _kubectl.RunAsync("get", "secret", "creds", "-n", ns, "-o", "json")).Succeeded())!;

        Assert.Equal(binary, Convert.FromBase64String(stored["data"]!["key.bin"]!.GetValue<string>()));
        Assert.Equal("é"u8.ToArray(), Convert.FromBase64String(stored["data"]!["user"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Label_annotate_and_scale_change_what_create_made()
    {
        var ns = await sandbox.CreateNamespaceAsync("change");
        (await _kubectl.RunAsync("create", "deployment", "api", "--image=nginx:1.27", "-n", ns)).Succeeded();

        (await _kubectl.RunAsync("label", "deployment", "api", "tier=web", "-n", ns)).Succeeded();
        (await _kubectl.RunAsync("annotate", "deployment", "api", "owner=team-a", "-n", ns)).Succeeded();
        (await _kubectl.RunAsync("scale", "deployment", "api", "--replicas=3", "-n", ns)).Succeeded();
        var stored = JsonNode.Parse((await _kubectl.RunAsync("get", "deployment", "api", "-n", ns, "-o", "json")).Succeeded())!;

        Assert.Equal("web", stored["metadata"]!["labels"]!["tier"]!.GetValue<string>());
        Assert.Equal("team-a", stored["metadata"]!["annotations"]!["owner"]!.GetValue<string>());
        Assert.Equal(3, stored["spec"]!["replicas"]!.GetValue<int>());
    }

    /// <summary>
    /// Runs the command with --dry-run=client -o json, then for real (protobuf), and checks that every field of the dry run
    /// is stored with that value; the server may add fields (uid, defaults, status), as a real one does.
    /// </summary>
    private async Task AssertStoredAsDryRunSaysAsync(string resource, string name, string? ns, IReadOnlyList<string> command)
    {
        var scope = ns is null ? [] : new[] { "-n", ns };
        var split = command.ToList().IndexOf("--");
        var flags = split < 0 ? command : command.Take(split);
        var trailing = split < 0 ? [] : command.Skip(split);
        var dryRun = JsonNode.Parse((await _kubectl.RunAsync([.. flags, .. scope, "--dry-run=client", "-o", "json", .. trailing])).Succeeded())!;

        (await _kubectl.RunAsync([.. flags, .. scope, .. trailing])).Succeeded();
        var stored = JsonNode.Parse((await _kubectl.RunAsync(["get", resource, name, .. scope, "-o", "json"])).Succeeded())!;

        dryRun.AsObject().Remove("status");
        dryRun["metadata"]!.AsObject().Remove("creationTimestamp");
        AssertHolds(dryRun, stored, "");
    }

    private static void AssertHolds(JsonNode? expected, JsonNode? actual, string path)
    {
        switch (expected)
        {
            case JsonObject fields:
                var stored = Assert.IsType<JsonObject>(actual, exactMatch: false);
                foreach (var (name, value) in fields)
                {
                    AssertHolds(value, stored[name], $"{path}.{name}");
                }

                break;
            case JsonArray items:
                var list = Assert.IsType<JsonArray>(actual, exactMatch: false);
                Assert.True(items.Count == list.Count, $"{path}: {items.ToJsonString()} is stored as {list.ToJsonString()}");
                for (var i = 0; i < items.Count; i++)
                {
                    AssertHolds(items[i], list[i], $"{path}[{i}]");
                }

                break;
            default:
                Assert.True(JsonNode.DeepEquals(expected, actual), $"{path}: {expected?.ToJsonString()} is stored as {actual?.ToJsonString()}");
                break;
        }
    }
}
