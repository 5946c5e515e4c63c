using System.Text.Json.Nodes;
using LlmOperator.Kubernetes.Access;
using LlmOperator.Kubernetes.Tests.Fixtures;
using LlmOperator.Testing;

namespace LlmOperator.Kubernetes.Tests.Informers;

public class ReflectorTests(WidgetSandboxFixture sandbox) : IClassFixture<WidgetSandboxFixture>
{
    [Fact]
    public async Task Lists_then_watches_from_the_lists_version_with_bookmarks_and_a_timeout()
    {
        var ns = await sandbox.CreateNamespaceAsync();
        foreach (var name in new[] { "a", "b", "c" })
        {
            await sandbox.Widgets.CreateAsync(Widget.Create(ns, name), default);
        }

        sandbox.Server.Requests.Clear();
        await using var informer = new RunningInformer<Widget>(sandbox.Client, ns);
        await informer.SyncedAsync();
        var a = await sandbox.Widgets.GetAsync(new ObjectKey(ns, "a"), default);
        await sandbox.Widgets.UpdateAsync(a!, w => w.Spec.Size = 5, default);
        await sandbox.Widgets.DeleteAsync(new ObjectKey(ns, "b"), default);
        await sandbox.Widgets.CreateAsync(Widget.Create(ns, "d"), default);

        await informer.SeesAsync("d", w => w is not null);
        await informer.SeesAsync("a", w => w?.Spec.Size == 5);
        await informer.SeesAsync("b", w => w is null);
        Assert.Equal(["a", "c", "d"], informer.Informer.Cache.List(ns).Select(w => w.Metadata.Name).Order());
        // The sandbox logs a watch when it ends.
        sandbox.Server.Faults.DropWatches();
        Assert.True(await Eventually.True(() => WidgetRequests(ns).Any(r => r.Verb == "watch")));
        var requests = WidgetRequests(ns);
        Assert.Single(requests, r => r.Verb == "list");
        Assert.All(requests.Where(r => r.Verb == "watch"), watch =>
        {
            Assert.Contains("allowWatchBookmarks=true", watch.Query, StringComparison.Ordinal);
            Assert.Contains("timeoutSeconds=", watch.Query, StringComparison.Ordinal);
            Assert.Contains("resourceVersion=", watch.Query, StringComparison.Ordinal);
        });
    }

    [Fact]
    public async Task Survives_dropped_watches_by_watching_again_from_the_last_version()
    {
        var ns = await sandbox.CreateNamespaceAsync();
        sandbox.Server.Requests.Clear();
        await using var informer = new RunningInformer<Widget>(sandbox.Client, ns);
        await informer.SyncedAsync();

        for (var i = 0; i < 3; i++)
        {
            sandbox.Server.Faults.DropWatches();
            await sandbox.Widgets.CreateAsync(Widget.Create(ns, $"w{i}"), default);
            await informer.SeesAsync($"w{i}", w => w is not null);
        }

        Assert.Single(WidgetRequests(ns), r => r.Verb == "list");
        Assert.True(WidgetRequests(ns).Count(r => r.Verb == "watch") >= 3);
        Assert.Equal(3, informer.Changes.Count);
    }

    [Fact]
    public async Task A_compacted_history_means_one_relist_that_reports_only_what_changed()
    {
        var ns = await sandbox.CreateNamespaceAsync();
        for (var i = 0; i < 20; i++)
        {
            await sandbox.Widgets.CreateAsync(Widget.Create(ns, $"w{i:00}"), default);
        }

        await using var informer = new RunningInformer<Widget>(sandbox.Client, ns);
        await informer.SyncedAsync();
        informer.ClearChanges();
        sandbox.Server.Requests.Clear();

        // While the informer cannot reach the server, objects change and the history is compacted.
        var changing = informer.Informer.Cache.List(ns).Where(w => string.CompareOrdinal(w.Metadata.Name, "w05") < 0).ToList();
        sandbox.Server.Faults.FailRandomly(1.0, 503, "GET", $"/namespaces/{ns}/widgets");
        sandbox.Server.Faults.DropWatches();
        foreach (var widget in changing)
        {
            await sandbox.Widgets.UpdateAsync(widget, w => w.Spec.Size = 10, default);
        }

        await sandbox.Widgets.DeleteAsync(new ObjectKey(ns, "w18"), default);
        await sandbox.Widgets.DeleteAsync(new ObjectKey(ns, "w19"), default);
        await sandbox.Widgets.CreateAsync(Widget.Create(ns, "new1"), default);
        await sandbox.Widgets.CreateAsync(Widget.Create(ns, "new2"), default);
        sandbox.Server.Faults.CompactHistory();
        sandbox.Server.Faults.Clear();

        await informer.SeesAsync("new2", w => w is not null);
        await informer.SeesAsync("w19", w => w is null);
        Assert.True(await Eventually.True(() => informer.Changes.Count >= 9));
        var changes = informer.Changes
            .Select(c => $"{c.Current.Metadata.Name}:{(c.Old is null ? "added" : c.New is null ? "deleted" : "updated")}")
            .Order()
            .ToList();
        Assert.Equal(
            ["new1:added", "new2:added", "w00:updated", "w01:updated", "w02:updated", "w03:updated", "w04:updated", "w18:deleted", "w19:deleted"],
            changes);
        Assert.All(
            informer.Informer.Cache.List(ns)
                .Where(w => w.Metadata.Name.StartsWith("w0", StringComparison.Ordinal) && string.CompareOrdinal(w.Metadata.Name, "w05") < 0),
            w => Assert.Equal(10, w.Spec.Size));
        var requests = WidgetRequests(ns).Where(r => r.Status == 200 || r.Status == 410).ToList();
        Assert.Single(requests, r => r.Verb == "list");
    }

    [Fact]
    public async Task A_label_selector_caches_only_the_matching_objects_and_drops_one_that_stops_matching()
    {
        var ns = await sandbox.CreateNamespaceAsync();
        await sandbox.Widgets.CreateAsync(Labelled(Widget.Create(ns, "mine")), default);
        await sandbox.Widgets.CreateAsync(Widget.Create(ns, "other"), default);
        sandbox.Server.Requests.Clear();

        await using var informer = new RunningInformer<Widget>(sandbox.Client, ns, labelSelector: "team=prompts");
        await informer.SyncedAsync();
        Assert.Equal(["mine"], informer.Informer.Cache.List(ns).Select(w => w.Metadata.Name));

        await sandbox.Widgets.CreateAsync(Labelled(Widget.Create(ns, "new")), default);
        var mine = await sandbox.Widgets.GetAsync(new ObjectKey(ns, "mine"), default);
        await sandbox.Widgets.UpdateAsync(mine!, w => w.Metadata.Labels.Remove("team"), default);
        var other = await sandbox.Widgets.GetAsync(new ObjectKey(ns, "other"), default);
        await sandbox.Widgets.UpdateAsync(other!, w => Labelled(w), default);

        await informer.SeesAsync("other", w => w is not null);
        await informer.SeesAsync("mine", w => w is null);
        Assert.Equal(["new", "other"], informer.Informer.Cache.List(ns).Select(w => w.Metadata.Name).Order());
        Assert.Contains(informer.Changes, c => c.Old?.Metadata.Name == "mine" && c.New is null);
        Assert.All(
            WidgetRequests(ns).Where(r => r.Verb is "list" or "watch"),
            r => Assert.Contains("labelSelector=team%3Dprompts", r.Query, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Server_errors_back_off_exponentially_and_throttling_waits_for_retry_after()
    {
        var ns = await sandbox.CreateNamespaceAsync();
        await sandbox.Widgets.CreateAsync(Widget.Create(ns, "w"), default);
        sandbox.Server.Requests.Clear();
        sandbox.Server.Faults.FailNext(4, 500, "GET", $"/namespaces/{ns}/widgets");
        sandbox.Server.Faults.FailNext(1, 429, "GET", $"/namespaces/{ns}/widgets", retryAfterSeconds: 2);

        await using var informer = new RunningInformer<Widget>(sandbox.Client, ns);
        await informer.SyncedAsync();

        var attempts = WidgetRequests(ns).Where(r => r.Verb is "GET" or "list").ToList();
        Assert.Equal([500, 500, 500, 500, 429, 200], attempts.Take(6).Select(r => r.Status));
        var gaps = attempts.Zip(attempts.Skip(1), (a, b) => (b.Time - a.Time).TotalMilliseconds).ToList();
        // The backoff starts at 50 ms and doubles (jitter only adds; 10% spare for clock granularity), and
        // a 429 waits its Retry-After of 2 s, longer than the backoff would (at most 1.2 s there).
        Assert.True(gaps[0] >= 45 && gaps[1] >= 90 && gaps[2] >= 180 && gaps[3] >= 360, string.Join(", ", gaps));
        Assert.True(gaps[4] >= 1900, string.Join(", ", gaps));
        Assert.Single(informer.Informer.Cache.List(ns));
    }

    [Fact]
    public async Task Caches_objects_without_managed_fields_or_the_last_applied_configuration_and_never_drops_them_on_the_server()
    {
        var ns = await sandbox.CreateNamespaceAsync();
        var widget = Widget.Create(ns, "applied");
        widget.Metadata.Annotations = new Dictionary<string, string>
        {
            ["kubectl.kubernetes.io/last-applied-configuration"] = "{\"spec\":{\"size\":1}}",
            ["team"] = "search",
        };
        await sandbox.Widgets.CreateAsync(widget, default);
        await using var informer = new RunningInformer<Widget>(sandbox.Client, ns);
        await informer.SyncedAsync();

        var cached = informer.Informer.Cache.Get(new ObjectKey(ns, "applied"))!;
        Assert.Null(cached.Metadata.ManagedFields);
        Assert.Equal(new Dictionary<string, string> { ["team"] = "search" }, cached.Metadata.Annotations);

        // A change made from the cached copy is a merge patch of what changed: the server keeps the annotation.
        await sandbox.Widgets.UpdateAsync(cached, w => w.Spec.Size = 2, default);
        var stored = (await sandbox.Widgets.GetAsync(new ObjectKey(ns, "applied"), default))!;
        Assert.Equal(2, stored.Spec.Size);
        Assert.Equal(2, stored.Metadata.Annotations.Count);
        await informer.SeesAsync("applied", w => w?.Spec.Size == 2 && w.Metadata.ManagedFields is null);
    }

    [Fact]
    public async Task Cached_objects_share_one_instance_of_the_metadata_strings_they_repeat()
    {
        var ns = await sandbox.CreateNamespaceAsync();
        var names = Enumerable.Range(0, 10).Select(i => $"shared-{i}").ToList();
        foreach (var name in names)
        {
            await sandbox.Widgets.CreateAsync(Labelled(Widget.Create(ns, name)), default);
        }

        await using var informer = new RunningInformer<Widget>(sandbox.Client, ns);
        await informer.SyncedAsync();

        // The pool is bounded: another string may take a slot over between two objects, so a few copies may remain.
        var cached = names.Select(n => informer.Informer.Cache.Get(new ObjectKey(ns, n))!).ToList();
        Assert.InRange(cached.Select(w => w.Metadata.Labels["team"]).Distinct(ReferenceEqualityComparer.Instance).Count(), 1, 2);
        Assert.InRange(cached.Select(w => w.Metadata.Labels.Keys.Single()).Distinct(ReferenceEqualityComparer.Instance).Count(), 1, 2);
        Assert.InRange(cached.Select(w => w.Metadata.NamespaceProperty).Distinct(ReferenceEqualityComparer.Instance).Count(), 1, 2);
        Assert.Equal(["prompts"], cached.Select(w => w.Metadata.Labels["team"]).Distinct());
    }

    [Fact]
    public async Task A_kind_trimmed_in_the_options_is_cached_without_what_the_trim_drops()
    {
        var ns = await sandbox.CreateNamespaceAsync();
        var widget = Widget.Create(ns, "painted");
        widget.Spec.Color = "blue";
        await sandbox.Widgets.CreateAsync(widget, default);
        await using var informer = new RunningInformer<Widget>(sandbox.Client, ns, WidgetSandboxFixture.FastInformers.Trim<Widget>(w => w.Spec.Color = null));
        await informer.SyncedAsync();

        Assert.Null(informer.Informer.Cache.Get(new ObjectKey(ns, "painted"))!.Spec.Color);
        await sandbox.Widgets.CreateAsync(Widget.Create(ns, "watched"), default);
        await informer.SeesAsync("watched", w => w is not null);
        Assert.Equal("blue", (await sandbox.Widgets.GetAsync(new ObjectKey(ns, "painted"), default))!.Spec.Color);
    }

    [Fact]
    public async Task A_new_version_of_a_cached_object_holds_the_parts_of_the_one_it_replaces_that_did_not_change()
    {
        var ns = await sandbox.CreateNamespaceAsync();
        var key = new ObjectKey(ns, "versioned");
        await sandbox.Widgets.CreateAsync(Labelled(Widget.Create(ns, "versioned")), default);
        var options = WidgetSandboxFixture.FastInformers.ShareUnchanged<Widget>(
            (widget, previous) => widget.Spec = widget.Metadata.Generation == previous.Metadata.Generation ? previous.Spec : widget.Spec);
        await using var informer = new RunningInformer<Widget>(sandbox.Client, ns, options);
        await informer.SyncedAsync();
        var first = informer.Informer.Cache.Get(key)!;

        await sandbox.Widgets.PatchStatusAsync(key, JsonNode.Parse("""{"status": {"note": "seen"}}""")!, default);
        await informer.SeesAsync("versioned", w => w?.Status?.Note == "seen");
        var second = informer.Informer.Cache.Get(key)!;
        Assert.NotSame(first, second);
        Assert.Same(first.Metadata.Labels, second.Metadata.Labels);
        Assert.Same(first.Spec, second.Spec);

        // A change of the spec moves the generation: the new version keeps its own spec, and the labels that did not change.
        await sandbox.Widgets.PatchAsync(key, JsonNode.Parse("""{"spec": {"size": 2}}""")!, default);
        await informer.SeesAsync("versioned", w => w?.Spec.Size == 2);
        var third = informer.Informer.Cache.Get(key)!;
        Assert.NotSame(second.Spec, third.Spec);
        Assert.Same(first.Metadata.Labels, third.Metadata.Labels);
        Assert.Equal(("prompts", "seen"), (third.Metadata.Labels["team"], third.Status!.Note));
    }

    private static Widget Labelled(Widget widget)
    {
        (widget.Metadata.Labels ??= new Dictionary<string, string>())["team"] = "prompts";
        return widget;
    }

    private List<LlmOperator.Sandbox.Api.RequestRecord> WidgetRequests(string ns) =>
        [.. sandbox.Server.Requests.Snapshot().Where(r => r.Path.Contains($"/namespaces/{ns}/widgets", StringComparison.Ordinal))];
}
