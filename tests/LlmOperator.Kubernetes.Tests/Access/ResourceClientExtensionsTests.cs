using System.Net;
using System.Text.Json.Nodes;
using LlmOperator.Kubernetes.Access;
using LlmOperator.Kubernetes.Tests.Fixtures;
using LlmOperator.Testing.InMemory;

namespace LlmOperator.Kubernetes.Tests.Access;

/// <summary>What every <see cref="IResourceClient{T}"/> gets from the extensions, shown over an in-memory cluster.</summary>
public class ResourceClientExtensionsTests
{
    private readonly InMemoryCluster _cluster = new();

    private InMemoryResourceClient<Widget> Widgets => new(_cluster);

    [Fact]
    public async Task A_status_equal_to_the_one_read_sends_nothing_and_a_new_one_is_pinned_to_the_version_read()
    {
        var widget = await Widgets.CreateAsync(Widget.Create("ns", "w"), default);

        var written = await Widgets.WriteStatusAsync(widget, new WidgetStatus { Note = "seen" }, default);
        Assert.Equal("seen", written!.Status!.Note);
        Assert.Null(await Widgets.WriteStatusAsync(written, new WidgetStatus { Note = "seen" }, default));

        await Assert.ThrowsAsync<ConflictException>(() => Widgets.WriteStatusAsync(widget, new WidgetStatus { Note = "stale" }, default));
        Assert.Equal(2, _cluster.Writes.Count);
    }

    [Fact]
    public async Task An_update_that_meets_a_conflict_reads_again_and_applies_the_edit_to_the_newer_object()
    {
        var widget = await Widgets.CreateAsync(Widget.Create("ns", "w"), default);
        await Widgets.PatchAsync(ObjectKey.Of(widget), new JsonObject { ["spec"] = new JsonObject { ["color"] = "red" } }, default);

        var updated = await Widgets.UpdateAsync(widget, w => w.Spec.Size = 3, default);

        Assert.Equal((3, "red", 3L), (updated!.Spec.Size, updated.Spec.Color, updated.Metadata.Generation!.Value));
    }

    [Fact]
    public async Task Create_if_missing_takes_an_existing_name_as_done_and_other_refusals_as_failures()
    {
        var widget = Widget.Create("ns", "w");
        Assert.True(await Widgets.CreateIfMissingAsync(widget, default));
        Assert.False(await Widgets.CreateIfMissingAsync(widget, default));

        _cluster.FailNext("create", null, HttpStatusCode.TooManyRequests);
        await Assert.ThrowsAsync<TooManyRequestsException>(() => Widgets.CreateIfMissingAsync(Widget.Create("ns", "other"), default));
    }

    [Fact]
    public async Task An_update_of_an_object_deleted_meanwhile_returns_null()
    {
        var widget = await Widgets.CreateAsync(Widget.Create("ns", "w"), default);
        await Widgets.DeleteAsync(ObjectKey.Of(widget), default);

        Assert.Null(await Widgets.UpdateStatusAsync(widget, w => w.Status = new WidgetStatus { Note = "late" }, default));
    }
}
