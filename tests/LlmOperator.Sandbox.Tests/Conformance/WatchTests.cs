using System.Text.Json.Nodes;
using k8s;
using LlmOperator.Testing;

namespace LlmOperator.Sandbox.Tests.Conformance;

public class WatchTests(CrdSandboxFixture sandbox) : IClassFixture<CrdSandboxFixture>
{
    private async Task<List<JsonNode>> ReadEventsAsync(string path, int count, TimeSpan? within = null)
    {
        using var cancel = new CancellationTokenSource(within ?? TimeSpan.FromSeconds(20));
        using var response = await sandbox.Http.GetAsync(path, HttpCompletionOption.ResponseHeadersRead, cancel.Token);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(cancel.Token));
        var events = new List<JsonNode>();
        while (events.Count < count && await reader.ReadLineAsync(cancel.Token) is { } line)
        {
            events.Add(JsonNode.Parse(line)!);
        }

        return events;
    }

    [Fact]
    public async Task A_watch_from_a_list_s_version_sees_every_later_change_in_order()
    {
        var ns = await sandbox.CreateNamespaceAsync();
        var (_, list, _) = await ApiCalls.SendAsync(sandbox.Http, HttpMethod.Get, ApiCalls.ModelDeployments(ns));
        var version = (string)list!["metadata"]!["resourceVersion"]!;
        var reading = ReadEventsAsync($"{ApiCalls.ModelDeployments(ns)}?watch=true&resourceVersion={version}", 3);

        var (_, created, _) = await ApiCalls.SendAsync(sandbox.Http, HttpMethod.Post, ApiCalls.ModelDeployments(ns), ApiCalls.ModelDeployment("a"));
        created!["spec"]!["replicas"] = 2;
        await ApiCalls.SendAsync(sandbox.Http, HttpMethod.Put, $"{ApiCalls.ModelDeployments(ns)}/a", created.ToJsonString());
        await ApiCalls.SendAsync(sandbox.Http, HttpMethod.Delete, $"{ApiCalls.ModelDeployments(ns)}/a");
        var events = await reading;

        Assert.Equal(["ADDED", "MODIFIED", "DELETED"], events.Select(e => (string)e["type"]!));
        Assert.Equal(2, (int)events[1]["object"]!["spec"]!["replicas"]!);
        var versions = events
            .Select(e => long.Parse((string)e["object"]!["metadata"]!["resourceVersion"]!, System.Globalization.CultureInfo.InvariantCulture))
            .ToList();
        Assert.Equal(versions.Order(), versions);
    }

    [Fact]
    public async Task A_watch_without_a_version_starts_with_the_current_objects_and_honours_selectors()
    {
        var ns = await sandbox.CreateNamespaceAsync();
        await ApiCalls.SendAsync(sandbox.Http, HttpMethod.Post, ApiCalls.ModelDeployments(ns),
            ApiCalls.ModelDeployment("a").Replace("\"name\":\"a\"", "\"name\":\"a\",\"labels\":{\"pick\":\"yes\"}", StringComparison.Ordinal));
        await ApiCalls.SendAsync(sandbox.Http, HttpMethod.Post, ApiCalls.ModelDeployments(ns), ApiCalls.ModelDeployment("b"));
        var reading = ReadEventsAsync($"{ApiCalls.ModelDeployments(ns)}?watch=1&labelSelector=pick%3Dyes", 2);

        await Task.Delay(100);
        var (_, b, _) = await ApiCalls.SendAsync(sandbox.Http, HttpMethod.Get, $"{ApiCalls.ModelDeployments(ns)}/b");
        b!["metadata"]!["labels"] = new JsonObject { ["pick"] = "yes" };
        await ApiCalls.SendAsync(sandbox.Http, HttpMethod.Put, $"{ApiCalls.ModelDeployments(ns)}/b", b.ToJsonString());
        var events = await reading;

        Assert.Equal(["ADDED a", "ADDED b"], events.Select(e => $"{(string)e["type"]!} {(string)e["object"]!["metadata"]!["name"]!}"));
    }

    [Fact]
    public async Task A_watch_from_a_compacted_version_gets_a_410_error_event()
    {
        var ns = await sandbox.CreateNamespaceAsync();
        var (_, created, _) = await ApiCalls.SendAsync(sandbox.Http, HttpMethod.Post, ApiCalls.ModelDeployments(ns), ApiCalls.ModelDeployment("a"));
        var old = (string)created!["metadata"]!["resourceVersion"]!;
        await ApiCalls.SendAsync(sandbox.Http, HttpMethod.Post, ApiCalls.ModelDeployments(ns), ApiCalls.ModelDeployment("b"));
        sandbox.Server.Faults.CompactHistory();

        var events = await ReadEventsAsync($"{ApiCalls.ModelDeployments(ns)}?watch=true&resourceVersion={old}", 1);

        var error = Assert.Single(events);
        Assert.Equal("ERROR", (string)error["type"]!);
        Assert.Equal(410, (int)error["object"]!["code"]!);
        Assert.Equal("Expired", (string)error["object"]!["reason"]!);
        Assert.StartsWith($"too old resource version: {old} (", (string)error["object"]!["message"]!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bookmarks_arrive_when_allowed_and_a_timeout_ends_the_stream()
    {
        var ns = await sandbox.CreateNamespaceAsync();
        var (_, list, _) = await ApiCalls.SendAsync(sandbox.Http, HttpMethod.Get, ApiCalls.ModelDeployments(ns));

        var started = DateTimeOffset.UtcNow;
        var events = await ReadEventsAsync(
            $"{ApiCalls.ModelDeployments(ns)}?watch=true&allowWatchBookmarks=true&timeoutSeconds=2"
                + $"&resourceVersion={(string)list!["metadata"]!["resourceVersion"]!}",
            100);

        Assert.NotEmpty(events);
        Assert.All(events, e => Assert.Equal("BOOKMARK", (string)e["type"]!));
        Assert.Equal("ModelDeployment", (string)events[0]["object"]!["kind"]!);
        Assert.NotNull(events[0]["object"]!["metadata"]!["resourceVersion"]);
        Assert.True(DateTimeOffset.UtcNow - started < TimeSpan.FromSeconds(15), "the stream ended at its timeout");
    }

    [Fact]
    public async Task KubernetesClient_watches_see_changes_and_dropped_watches_end()
    {
        var ns = await sandbox.CreateNamespaceAsync();
        var seen = new List<string>();
        var ended = new TaskCompletionSource();

        // KubernetesClient's watch call returns once the first line arrives, so the change is made meanwhile.
        var responding = sandbox.Client.CustomObjects.ListNamespacedCustomObjectWithHttpMessagesAsync(
            "llmoperator.io", "v1alpha1", ns, "modeldeployments", watch: true, timeoutSeconds: 30);
        await ApiCalls.SendAsync(sandbox.Http, HttpMethod.Post, ApiCalls.ModelDeployments(ns), ApiCalls.ModelDeployment("a"));
        var response = await responding;
#pragma warning disable CS0618 // Watch is marked obsolete but is KubernetesClient's watch for custom objects.
        using var watcher = response.Watch<JsonElementHolder, object>((type, obj) =>
        {
            lock (seen)
            {
                seen.Add(type.ToString());
            }
        }, onClosed: () => ended.TrySetResult());
#pragma warning restore CS0618

        Assert.True(await Eventually.True(() => { lock (seen) { return seen.Contains("Added"); } }));
        sandbox.Server.Faults.DropWatches();

        Assert.Same(ended.Task, await Task.WhenAny(ended.Task, Task.Delay(TimeSpan.FromSeconds(10))));
    }

    private sealed class JsonElementHolder : IKubernetesObject
    {
        public string ApiVersion { get; set; } = "";

        public string Kind { get; set; } = "";
    }
}
