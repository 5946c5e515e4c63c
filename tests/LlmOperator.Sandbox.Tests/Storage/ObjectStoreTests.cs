using System.Text.Json.Nodes;
using LlmOperator.Sandbox.Resources;
using LlmOperator.Sandbox.Storage;

namespace LlmOperator.Sandbox.Tests.Storage;

public class ObjectStoreTests
{
    private static readonly ResourceKey Widgets = new("example.com", "widgets");

    private static JsonObject Widget(string name, string ns = "default", string? owner = null)
    {
        var metadata = new JsonObject { ["name"] = name, ["namespace"] = ns, ["uid"] = $"uid-{name}" };
        if (owner is not null)
        {
            metadata["ownerReferences"] = new JsonArray(new JsonObject { ["uid"] = owner });
        }

        return new JsonObject { ["apiVersion"] = "example.com/v1", ["kind"] = "Widget", ["metadata"] = metadata };
    }

    [Fact]
    public void Objects_no_controller_owns_are_listed_per_namespace_as_their_owner_references_change()
    {
        var store = new ObjectStore();
        var free = store.Create(Widgets, Widget("free"));
        store.Create(Widgets, Widget("owned", owner: "uid-x"));
        var controlled = Widget("controlled");
        controlled["metadata"]!["ownerReferences"] = new JsonArray(new JsonObject { ["uid"] = "uid-y", ["controller"] = true });
        store.Create(Widgets, controlled);
        store.Create(Widgets, Widget("elsewhere", ns: "other"));

        Assert.Equal(["free", "owned"], store.ListUncontrolled(Widgets, "default", _ => true).Select(o => o.Name));
        Assert.Equal(["owned"], store.ListUncontrolled(Widgets, "default", o => o.OwnerUids.Count > 0).Select(o => o.Name));

        var adopted = Widget("free");
        adopted["metadata"]!["ownerReferences"] = new JsonArray(new JsonObject { ["uid"] = "uid-y", ["controller"] = true });
        store.Update(Widgets, adopted, free.ResourceVersion);
        var released = store.Get(Widgets, "default", "controlled")!;
        store.Update(Widgets, Widget("controlled"), released.ResourceVersion);
        store.Delete(Widgets, "default", "owned");

        Assert.Equal(["controlled"], store.ListUncontrolled(Widgets, "default", _ => true).Select(o => o.Name));
        Assert.Equal(["elsewhere"], store.ListUncontrolled(Widgets, "other", _ => true).Select(o => o.Name));
    }

    [Fact]
    public void Every_commit_takes_the_next_resourceVersion()
    {
        var store = new ObjectStore();
        var start = store.ResourceVersion;

        var a = store.Create(Widgets, Widget("a"));
        var b = store.Create(Widgets, Widget("b"));
        var a2 = store.Update(Widgets, Widget("a"), a.ResourceVersion);
        var gone = store.Delete(Widgets, "default", "b");

        Assert.Equal([start + 1, start + 2, start + 3, start + 4], new[] { a.ResourceVersion, b.ResourceVersion, a2.ResourceVersion, gone.ResourceVersion });
        Assert.Equal((start + 3).ToString(System.Globalization.CultureInfo.InvariantCulture), (string)a2.ToJsonObject()["metadata"]!["resourceVersion"]!);
    }

    [Fact]
    public void A_stale_update_is_a_conflict_and_a_duplicate_create_already_exists()
    {
        var store = new ObjectStore();
        var a = store.Create(Widgets, Widget("a"));
        store.Update(Widgets, Widget("a"), a.ResourceVersion);

        Assert.Equal(StoreFailure.Conflict, Assert.Throws<StoreException>(() => store.Update(Widgets, Widget("a"), a.ResourceVersion)).Failure);
        Assert.Equal(StoreFailure.AlreadyExists, Assert.Throws<StoreException>(() => store.Create(Widgets, Widget("a"))).Failure);
        Assert.Equal(StoreFailure.NotFound, Assert.Throws<StoreException>(() => store.Delete(Widgets, "default", "zz")).Failure);
    }

    [Fact]
    public void Lists_page_in_key_order_with_a_continue_token_and_the_first_page_s_version()
    {
        var store = new ObjectStore();
        foreach (var name in new[] { "c", "a", "e", "b", "d" })
        {
            store.Create(Widgets, Widget(name));
        }

        store.Create(Widgets, Widget("x", ns: "other"));
        var first = store.List(Widgets, "default", limit: 2);
        store.Create(Widgets, Widget("f"));
        var second = store.List(Widgets, "default", limit: 2, continueToken: first.Continue);
        var third = store.List(Widgets, "default", limit: 2, continueToken: second.Continue);

        Assert.Equal(["a", "b"], first.Items.Select(i => i.Name));
        Assert.Equal(3, first.RemainingItemCount);
        Assert.Equal(["c", "d"], second.Items.Select(i => i.Name));
        Assert.Equal(first.ResourceVersion, second.ResourceVersion);
        Assert.Equal(["e", "f"], third.Items.Select(i => i.Name));
        Assert.Null(third.Continue);
        Assert.Equal(7, store.List(Widgets, null).Items.Count);
        Assert.Throws<ArgumentException>(() => store.List(Widgets, null, continueToken: "not-a-token"));
    }

    [Fact]
    public async Task A_watch_replays_history_after_its_version_then_follows_live_changes()
    {
        var store = new ObjectStore();
        var a = store.Create(Widgets, Widget("a"));
        store.Update(Widgets, Widget("a"), a.ResourceVersion);
        store.Create(Widgets, Widget("b", ns: "other"));

        using var watch = store.Watch(Widgets, "default", a.ResourceVersion);
        store.Delete(Widgets, "default", "a");
        var seen = new List<string>();
        while (seen.Count < 2 && await watch.Messages.WaitToReadAsync())
        {
            if (watch.Messages.TryRead(out var message) && message is WatchMessage.Change { Event: var change })
            {
                seen.Add($"{change.Type} {change.Item.Name}");
            }
        }

        Assert.Equal(["Modified a", "Deleted a"], seen);
    }

    [Fact]
    public void A_watch_from_before_the_kept_history_is_gone()
    {
        var store = new ObjectStore(historyCapacity: 2);
        var first = store.Create(Widgets, Widget("a"));
        store.Create(Widgets, Widget("b"));
        store.Create(Widgets, Widget("c"));
        store.Create(Widgets, Widget("d"));

        var gone = Assert.Throws<StoreException>(() => store.Watch(Widgets, null, first.ResourceVersion));
        using var recent = store.Watch(Widgets, null, first.ResourceVersion + 2);
        store.CompactHistory();

        Assert.Equal(StoreFailure.Gone, gone.Failure);
        Assert.Equal(StoreFailure.Gone, Assert.Throws<StoreException>(() => store.Watch(Widgets, null, first.ResourceVersion + 2)).Failure);
        Assert.NotNull(store.Watch(Widgets, null, store.ResourceVersion));
    }

    [Fact]
    public void Dependents_are_indexed_by_owner_uid_until_they_are_deleted()
    {
        var store = new ObjectStore();
        store.Create(Widgets, Widget("owner"));
        store.Create(Widgets, Widget("child", owner: "uid-owner"));

        Assert.Equal([new ObjectRef(Widgets, "default", "child")], store.Dependents("uid-owner"));
        Assert.Equal(new ObjectRef(Widgets, "default", "owner"), store.FindByUid("uid-owner"));

        store.Delete(Widgets, "default", "child");

        Assert.Empty(store.Dependents("uid-owner"));
        Assert.Null(store.FindByUid("uid-child"));
    }
}
