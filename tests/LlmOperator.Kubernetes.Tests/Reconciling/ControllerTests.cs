using System.Text.Json.Nodes;
using k8s.Models;
using LlmOperator.Kubernetes.Access;
using LlmOperator.Kubernetes.Tests.Fixtures;
using LlmOperator.Testing;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace LlmOperator.Kubernetes.Tests.Reconciling;

public class ControllerTests(WidgetSandboxFixture sandbox, ITestOutputHelper output) : IClassFixture<WidgetSandboxFixture>
{
    private readonly ReconcileLog _log = new();

    [Fact]
    public async Task Reconciles_each_object_and_writes_its_status()
    {
        var ns = await sandbox.CreateNamespaceAsync();
        await sandbox.Widgets.CreateAsync(Widget.Create(ns, "before", size: 2), default);
        await using var op = await StartAsync(ns);

        await sandbox.Widgets.CreateAsync(Widget.Create(ns, "after", size: 3), default);

        await StatusAsync(ns, "before", w => w.Status?.SeenSize == 2);
        await StatusAsync(ns, "after", w => w.Status?.SeenSize == 3);
    }

    [Fact]
    public async Task A_burst_of_a_thousand_updates_collapses_into_few_reconciles_never_two_at_once()
    {
        var ns = await sandbox.CreateNamespaceAsync();
        var widget = Widget.Create(ns, "busy");
        widget.Metadata.Labels = new Dictionary<string, string> { ["test/delay-ms"] = "20" };
        await sandbox.Widgets.CreateAsync(widget, default);
        await using var op = await StartAsync(ns, workers: 4);
        await StatusAsync(ns, "busy", w => w.Status?.ObservedGeneration == 1);

        await Parallel.ForAsync(2, 1002, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (size, ct) =>
            await sandbox.Widgets.PatchAsync(new ObjectKey(ns, "busy"), new JsonObject { ["spec"] = new JsonObject { ["size"] = size } }, ct));

        var last = await sandbox.Widgets.GetAsync(new ObjectKey(ns, "busy"), default);
        Assert.Equal(1001, last!.Metadata.Generation);
        await StatusAsync(ns, "busy", w => w.Status?.ObservedGeneration == 1001);
        var reconciles = _log.Count("busy");
        output.WriteLine($"{reconciles} reconciles for 1,000 updates");
        Assert.True(reconciles < 150, $"{reconciles} reconciles for 1,000 updates");
        Assert.Equal(1, _log.MaxInFlight);
    }

    [Fact]
    public async Task Status_only_changes_do_not_wake_the_controller_and_spec_changes_do()
    {
        var ns = await sandbox.CreateNamespaceAsync();
        await using var op = await StartAsync(ns, workers: 1);
        var quiet = await sandbox.Widgets.CreateAsync(Widget.Create(ns, "quiet"), default);
        await StatusAsync(ns, "quiet", w => w.Status?.ObservedGeneration == 1);

        // Someone else writes the status; then another object changes. One worker and one ordered watch
        // mean that a reconcile of "quiet" would come before that of "marker".
        var current = await sandbox.Widgets.GetAsync(ObjectKey.Of(quiet), default);
        await sandbox.Widgets.UpdateStatusAsync(current!, w => w.Status!.Note = "set by someone else", default);
        await sandbox.Widgets.CreateAsync(Widget.Create(ns, "marker"), default);
        await StatusAsync(ns, "marker", w => w.Status?.ObservedGeneration == 1);
        Assert.Equal(1, _log.Count("quiet"));

        await sandbox.Widgets.PatchAsync(ObjectKey.Of(quiet), new JsonObject { ["spec"] = new JsonObject { ["size"] = 7 } }, default);
        await StatusAsync(ns, "quiet", w => w.Status?.SeenSize == 7);
        Assert.Equal(2, _log.Count("quiet"));
    }

    [Fact]
    public async Task Without_generation_filtering_a_status_written_by_someone_else_wakes_the_controller_and_its_own_status_writes_do_not()
    {
        var ns = await sandbox.CreateNamespaceAsync();
        await using var op = await TestOperator.StartAsync(
            sandbox, ns,
            o => o.AddController<Widget, StatusWritingReconciler>(c => c.FilterByGeneration = false),
            o => o.WorkersPerController = 1,
            s => s.AddSingleton(_log).AddSingleton(new ReplicaName("only")));
        await sandbox.Widgets.CreateAsync(Labelled(ns, "watched", "test/own-write", "true"), default);
        await StatusAsync(ns, "watched", w => w.Status?.ObservedGeneration == 1);

        // One worker and one ordered watch: a reconcile that the watched widget's own status write caused
        // would come before the marker's.
        await sandbox.Widgets.CreateAsync(Widget.Create(ns, "marker-1"), default);
        await StatusAsync(ns, "marker-1", w => w.Status?.ObservedGeneration == 1);
        Assert.Equal(1, _log.Count("watched"));

        var current = await sandbox.Widgets.GetAsync(new ObjectKey(ns, "watched"), default);
        await sandbox.Widgets.UpdateStatusAsync(current!, w => w.Status!.Note = "set by someone else", default);
        await StatusAsync(ns, "watched", w => w.Status?.Note == "only");
        await sandbox.Widgets.CreateAsync(Widget.Create(ns, "marker-2"), default);
        await StatusAsync(ns, "marker-2", w => w.Status?.ObservedGeneration == 1);
        Assert.Equal(2, _log.Count("watched"));
    }

    [Fact]
    public async Task A_change_to_an_owned_object_reconciles_its_owner()
    {
        var ns = await sandbox.CreateNamespaceAsync();
        await using var op = await StartAsync(ns);
        await sandbox.Widgets.CreateAsync(Labelled(ns, "parent", "test/child", "yes"), default);
        var maps = new ResourceClient<V1ConfigMap>(sandbox.Client);
        Assert.True(await Eventually.Async(async () => await maps.GetAsync(new ObjectKey(ns, "parent-child"), default) is not null));
        var before = _log.Count("parent");

        await maps.DeleteAsync(new ObjectKey(ns, "parent-child"), default);

        Assert.True(
            await Eventually.Async(async () => await maps.GetAsync(new ObjectKey(ns, "parent-child"), default) is not null),
            "the child was not recreated");
        Assert.True(_log.Count("parent") > before);
    }

    [Fact]
    public async Task Requeue_after_reconciles_again_errors_retry_and_terminal_errors_do_not()
    {
        var ns = await sandbox.CreateNamespaceAsync();
        await using var op = await StartAsync(ns);

        await sandbox.Widgets.CreateAsync(Labelled(ns, "broken", "test/terminal", "yes"), default);
        await sandbox.Widgets.CreateAsync(Labelled(ns, "flaky", "test/fail-times", "3"), default);
        await sandbox.Widgets.CreateAsync(Labelled(ns, "poller", "test/requeue-after-ms", "100"), default);

        await StatusAsync(ns, "flaky", w => w.Status?.ObservedGeneration == 1);
        Assert.Equal(4, _log.Count("flaky"));
        Assert.True(await Eventually.True(() => _log.Count("poller") >= 3));
        // The retries of "flaky" waited 5, 10 and 20 ms: a retried "broken" would have come meanwhile.
        Assert.Equal(1, _log.Count("broken"));
    }

    [Fact]
    public async Task A_throttled_reconcile_waits_for_the_servers_retry_after()
    {
        var ns = await sandbox.CreateNamespaceAsync();
        await using var op = await StartAsync(ns);
        sandbox.Server.Faults.FailNext(1, 429, "PATCH", $"/namespaces/{ns}/widgets/slowed/status", retryAfterSeconds: 1);

        await sandbox.Widgets.CreateAsync(Widget.Create(ns, "slowed"), default);

        await StatusAsync(ns, "slowed", w => w.Status?.ObservedGeneration == 1);
        var calls = _log.Calls.Where(c => c.Key.Name == "slowed").ToList();
        Assert.Equal(2, calls.Count);
        Assert.True(calls[1].Time - calls[0].Time >= TimeSpan.FromSeconds(1), $"retried after {calls[1].Time - calls[0].Time}");
    }

    [Fact]
    public async Task Shutdown_lets_in_flight_reconciles_finish_and_starts_no_new_ones()
    {
        var ns = await sandbox.CreateNamespaceAsync();
        var gate = new ReconcileGate();
        await using var op = await TestOperator.StartAsync(
            sandbox, ns, o => o.AddController<Widget, GatedReconciler>(), services: s => s.AddSingleton(gate).AddSingleton(_log));
        await sandbox.Widgets.CreateAsync(Widget.Create(ns, "slow"), default);
        await gate.Entered.Task;

        var stopping = op.StopAsync();
        await sandbox.Widgets.CreateAsync(Widget.Create(ns, "too-late"), default);
        Assert.False(stopping.IsCompleted);
        gate.Release.SetResult();
        await stopping;

        var slow = await sandbox.Widgets.GetAsync(new ObjectKey(ns, "slow"), default);
        Assert.Equal("finished", slow!.Status?.Note);
        Assert.False(gate.WasCancelled);
        Assert.Equal(0, _log.Count("too-late"));
    }

    private static Widget Labelled(string ns, string name, string label, string value)
    {
        var widget = Widget.Create(ns, name);
        widget.Metadata.Labels = new Dictionary<string, string> { [label] = value };
        return widget;
    }

    private Task<TestOperator> StartAsync(string ns, int workers = 2) => TestOperator.StartAsync(
        sandbox, ns,
        o => o.AddController<Widget, StatusWritingReconciler>(c => c.Owns<V1ConfigMap>()),
        o => o.WorkersPerController = workers,
        s => s.AddSingleton(_log).AddSingleton(new ReplicaName("only")));

    private async Task StatusAsync(string ns, string name, Func<Widget, bool> condition) =>
        Assert.True(
            await Eventually.Async(async () => await sandbox.Widgets.GetAsync(new ObjectKey(ns, name), default) is { } w && condition(w)),
            $"{name} never reached the expected status");
}
