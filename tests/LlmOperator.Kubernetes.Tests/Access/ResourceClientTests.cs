using k8s.Models;
using LlmOperator.Api.V1Alpha1;
using LlmOperator.Kubernetes.Access;
using LlmOperator.Kubernetes.Tests.Fixtures;

namespace LlmOperator.Kubernetes.Tests.Access;

public class ResourceClientTests(WidgetSandboxFixture sandbox) : IClassFixture<WidgetSandboxFixture>
{
    [Fact]
    public async Task Custom_and_built_in_kinds_are_created_read_listed_and_deleted()
    {
        var ns = await sandbox.CreateNamespaceAsync();
        var maps = new ResourceClient<V1ConfigMap>(sandbox.Client);

        var widget = await sandbox.Widgets.CreateAsync(Widget.Create(ns, "w", size: 3), default);
        await maps.CreateAsync(
            new V1ConfigMap
            {
                Metadata = new V1ObjectMeta { Name = "m", NamespaceProperty = ns },
                Data = new Dictionary<string, string> { ["k"] = "v" },
            },
            default);

        Assert.Equal(3, (await sandbox.Widgets.GetAsync(ObjectKey.Of(widget), default))!.Spec.Size);
        Assert.Equal("v", (await maps.GetAsync(new ObjectKey(ns, "m"), default))!.Data["k"]);
        var list = await sandbox.Widgets.ListAsync(ns, null, default);
        Assert.Single(list.Items);
        Assert.NotEmpty(list.ResourceVersion);
        Assert.True(await maps.DeleteAsync(new ObjectKey(ns, "m"), default));
        Assert.False(await maps.DeleteAsync(new ObjectKey(ns, "m"), default));
        Assert.Null(await maps.GetAsync(new ObjectKey(ns, "m"), default));
    }

    [Fact]
    public async Task Refusals_are_typed()
    {
        var ns = await sandbox.CreateNamespaceAsync();
        await sandbox.Widgets.CreateAsync(Widget.Create(ns, "w"), default);

        var exists = await Assert.ThrowsAsync<ConflictException>(() => sandbox.Widgets.CreateAsync(Widget.Create(ns, "w"), default));
        Assert.Equal("AlreadyExists", exists.Reason);
        await Assert.ThrowsAsync<NotFoundException>(
            () => sandbox.Widgets.PatchAsync(new ObjectKey(ns, "missing"), new System.Text.Json.Nodes.JsonObject(), default));
        await Assert.ThrowsAsync<InvalidException>(() => sandbox.Widgets.CreateAsync(Widget.Create(ns, "Not_Valid"), default));

        sandbox.Server.Faults.FailNext(1, 429, "GET", "/widgets/w", retryAfterSeconds: 2);
        var throttled = await Assert.ThrowsAsync<TooManyRequestsException>(() => sandbox.Widgets.GetAsync(new ObjectKey(ns, "w"), default));
        Assert.Equal(TimeSpan.FromSeconds(2), throttled.RetryAfter);
        sandbox.Server.Faults.FailNext(1, 503, "GET", "/widgets/w");
        await Assert.ThrowsAsync<ServerErrorException>(() => sandbox.Widgets.GetAsync(new ObjectKey(ns, "w"), default));
    }

    [Fact]
    public async Task A_status_update_sends_only_what_changed_and_survives_a_conflict()
    {
        var ns = await sandbox.CreateNamespaceAsync();
        var read = await sandbox.Widgets.CreateAsync(Widget.Create(ns, "w"), default);
        // Someone else changes the object after we read it: our patch pinned to the old version gets a 409.
        await sandbox.Widgets.UpdateStatusAsync(read, w => w.Status = new WidgetStatus { Note = "theirs" }, default);
        sandbox.Server.Requests.Clear();

        var written = await sandbox.Widgets.UpdateStatusAsync(read, w =>
        {
            w.Status ??= new WidgetStatus();
            w.Status.SeenSize = w.Spec.Size;
            w.Status.Conditions = [];
            Conditions.Set(w.Status.Conditions, ConditionTypes.Ready, ConditionStatus.True, "Seen", null, w.Metadata.Generation, DateTimeOffset.UtcNow);
        }, default);

        Assert.Equal(("theirs", 1), (written!.Status!.Note, written.Status.SeenSize!.Value));
        Assert.True(Conditions.IsTrue(written.Status.Conditions, ConditionTypes.Ready));
        var verbs = sandbox.Server.Requests.Snapshot()
            .Where(r => r.Path.Contains("/widgets/w", StringComparison.Ordinal))
            .Select(r => $"{r.Verb.ToUpperInvariant()} {r.Status}")
            .ToList();
        Assert.Equal(["PATCH 409", "GET 200", "PATCH 200"], verbs);
    }

    [Fact]
    public async Task An_injected_conflict_is_retried_after_a_fresh_read()
    {
        var ns = await sandbox.CreateNamespaceAsync();
        var read = await sandbox.Widgets.CreateAsync(Widget.Create(ns, "w"), default);
        sandbox.Server.Faults.FailNext(1, 409, "PATCH", "/status");

        var written = await sandbox.Widgets.UpdateStatusAsync(read, w => w.Status = new WidgetStatus { Note = "ours" }, default);

        Assert.Equal("ours", written!.Status!.Note);
        Assert.Equal("ours", (await sandbox.Widgets.GetAsync(ObjectKey.Of(read), default))!.Status!.Note);
    }

    [Fact]
    public async Task An_update_that_changes_nothing_sends_nothing_and_a_gone_object_gives_null()
    {
        var ns = await sandbox.CreateNamespaceAsync();
        var read = await sandbox.Widgets.CreateAsync(Widget.Create(ns, "w"), default);
        sandbox.Server.Requests.Clear();

        var same = await sandbox.Widgets.UpdateAsync(read, _ => { }, default);
        Assert.Same(read, same);
        Assert.DoesNotContain(sandbox.Server.Requests.Snapshot(), r => r.Path.Contains("/widgets/w", StringComparison.Ordinal));

        await sandbox.Widgets.DeleteAsync(ObjectKey.Of(read), default);
        Assert.Null(await sandbox.Widgets.UpdateStatusAsync(read, w => w.Status = new WidgetStatus { Note = "late" }, default));
    }

    [Fact]
    public async Task Owner_references_make_the_owner_the_controller_and_garbage_collection_follows()
    {
        var ns = await sandbox.CreateNamespaceAsync();
        var owner = await sandbox.Widgets.CreateAsync(Widget.Create(ns, "owner"), default);
        var maps = new ResourceClient<V1ConfigMap>(sandbox.Client);
        var child = new V1ConfigMap { Metadata = new V1ObjectMeta { Name = "child", NamespaceProperty = ns } };

        OwnerReferences.SetController(child, owner);
        var created = await maps.CreateAsync(child, default);

        Assert.True(OwnerReferences.IsControlledBy(created, owner));
        Assert.Equal(("test.llmoperator.io/v1", "Widget"), (OwnerReferences.ControllerOf(created)!.ApiVersion, OwnerReferences.ControllerOf(created)!.Kind));
        var stranger = await sandbox.Widgets.CreateAsync(Widget.Create(ns, "stranger"), default);
        Assert.Throws<InvalidOperationException>(() => OwnerReferences.SetController(created, stranger));
        await sandbox.Widgets.DeleteAsync(ObjectKey.Of(owner), default);
        Assert.True(await LlmOperator.Testing.Eventually.Async(async () => await maps.GetAsync(ObjectKey.Of(created), default) is null));
    }
}
