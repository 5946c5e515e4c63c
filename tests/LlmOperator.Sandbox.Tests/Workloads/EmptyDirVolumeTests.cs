using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using LlmOperator.Sandbox.Tests.Conformance;
using LlmOperator.Sandbox.Workloads;
using LlmOperator.Testing;

namespace LlmOperator.Sandbox.Tests.Workloads;

/// <summary>
/// emptyDir volumes of pods whose containers run as local processes: a directory per volume of the pod's own, shared by
/// the containers that mount it (paths under a mount in their arguments and environment are rewritten to it), and
/// removed with the pod.
/// </summary>
public partial class EmptyDirVolumeTests(SandboxFixture sandbox) : IClassFixture<SandboxFixture>
{
    [Fact]
    public void A_path_under_a_mount_is_rewritten_to_the_volume_s_directory_and_other_values_are_left_alone()
    {
        var container = JsonNode.Parse("""
            {"volumeMounts":[{"name":"cache","mountPath":"/cache/"},{"name":"inner","mountPath":"/cache/inner"},{"name":"claim","mountPath":"/claim"}]}
            """)!.AsObject();
        var mounts = EmptyDirVolumes.Mounts(container, new Dictionary<string, string> { ["cache"] = "/tmp/p/cache", ["inner"] = "/tmp/p/inner" });

        Assert.Equal(
            ["/tmp/p/cache", "/tmp/p/cache/models/a", "/tmp/p/inner/x", "/cachex", "/claim/a", "--dir", "relative/cache"],
            new[] { "/cache", "/cache/models/a", "/cache/inner/x", "/cachex", "/claim/a", "--dir", "relative/cache" }
                .Select(v => EmptyDirVolumes.Rewrite(v, mounts)));
    }

    [Fact]
    public async Task Containers_of_a_pod_share_its_empty_dir_which_goes_with_the_pod()
    {
        var ns = await sandbox.CreateNamespaceAsync("emptydir");
        JsonObject Loader(string name, int port, string mountPath, string directory) => new()
        {
            ["name"] = name,
            ["image"] = "ghcr.io/llmoperator/llmop:0.1.0",
            ["args"] = new JsonArray("adapter-loader", "--host", "$(POD_IP)", "--port", $"{port}", "--dir", "$(DIRECTORY)"),
            ["env"] = new JsonArray(
                new JsonObject { ["name"] = "POD_IP", ["valueFrom"] = new JsonObject { ["fieldRef"] = new JsonObject { ["fieldPath"] = "status.podIP" } } },
                new JsonObject { ["name"] = "DIRECTORY", ["value"] = directory }),
            ["volumeMounts"] = new JsonArray(new JsonObject { ["name"] = "adapters", ["mountPath"] = mountPath }),
            ["readinessProbe"] = new JsonObject { ["httpGet"] = new JsonObject { ["path"] = "/healthz", ["port"] = port } },
        };
        var pod = new JsonObject
        {
            ["apiVersion"] = "v1",
            ["kind"] = "Pod",
            ["metadata"] = new JsonObject { ["name"] = "loaders" },
            ["spec"] = new JsonObject
            {
                ["containers"] = new JsonArray(
                    Loader("first", 8090, "/var/lib/llmop/adapters", "/var/lib/llmop/adapters"),
                    Loader("second", 8091, "/data", "/data/nested")),
                ["volumes"] = new JsonArray(new JsonObject { ["name"] = "adapters", ["emptyDir"] = new JsonObject() }),
            },
        };
        Assert.Equal(201, (await ApiCalls.SendAsync(sandbox.Http, HttpMethod.Post, $"/api/v1/namespaces/{ns}/pods", pod.ToJsonString())).Code);
        Assert.True(await Eventually.Async(async () =>
            (await ApiCalls.SendAsync(sandbox.Http, HttpMethod.Get, $"/api/v1/namespaces/{ns}/pods/loaders")).Body?["status"]?["conditions"]?.AsArray()
                .Any(c => (string?)c!["type"] == "Ready" && (string?)c["status"] == "True") == true,
            TimeSpan.FromSeconds(60)), "both loaders became ready");

        var first = Directory(await sandbox.Http.GetStringAsync($"/api/v1/namespaces/{ns}/pods/loaders/log?container=first"));
        var second = Directory(await sandbox.Http.GetStringAsync($"/api/v1/namespaces/{ns}/pods/loaders/log?container=second"));

        Assert.Equal(Path.Combine(first, "nested"), second);
        Assert.NotEqual("/var/lib/llmop/adapters", first);
        Assert.True(System.IO.Directory.Exists(second), "the second loader made its directory inside the shared volume");

        Assert.Equal(200, (await ApiCalls.SendAsync(sandbox.Http, HttpMethod.Delete, $"/api/v1/namespaces/{ns}/pods/loaders")).Code);
        Assert.True(
            await Eventually.Async(() => Task.FromResult(!System.IO.Directory.Exists(first)), TimeSpan.FromSeconds(30)), "the volume went with the pod");
    }

    // The directory llmop adapter-loader says it keeps versions in.
    private static string Directory(string log) => LoaderLine().Match(log) is { Success: true } line ? line.Groups["directory"].Value : log;

    [GeneratedRegex(@"listening on \S+ \(directory (?<directory>\S+),")]
    private static partial Regex LoaderLine();
}
