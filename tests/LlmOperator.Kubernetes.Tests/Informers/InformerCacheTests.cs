using k8s;
using k8s.Models;
using LlmOperator.Kubernetes.Access;
using LlmOperator.Kubernetes.Informers;

namespace LlmOperator.Kubernetes.Tests.Informers;

public class InformerCacheTests
{
    [Fact]
    public void Watch_events_become_changes_and_replays_of_a_version_are_dropped()
    {
        var cache = new InformerCache<V1ConfigMap>();

        var added = cache.Apply(WatchEventType.Added, Map("ns", "a", "1"));
        var replay = cache.Apply(WatchEventType.Modified, Map("ns", "a", "1"));
        var modified = cache.Apply(WatchEventType.Modified, Map("ns", "a", "2"));
        var deleted = cache.Apply(WatchEventType.Deleted, Map("ns", "a", "3"));
        var deletedAgain = cache.Apply(WatchEventType.Deleted, Map("ns", "a", "3"));

        Assert.Null(added!.Value.Old);
        Assert.Null(replay);
        Assert.Equal("1", modified!.Value.Old!.Metadata.ResourceVersion);
        Assert.Null(deleted!.Value.New);
        Assert.Null(deletedAgain);
        Assert.Equal(0, cache.Count);
    }

    [Fact]
    public void A_relist_reports_only_what_changed_within_its_namespace()
    {
        var cache = new InformerCache<V1ConfigMap>();
        cache.Replace("ns", [Map("ns", "same", "1"), Map("ns", "changed", "1"), Map("ns", "removed", "1")]);
        cache.Replace("other", [Map("other", "untouched", "1")]);

        var changes = cache.Replace("ns", [Map("ns", "same", "1"), Map("ns", "changed", "2"), Map("ns", "new", "3")]);

        Assert.Equal(
            ["changed:updated", "new:added", "removed:deleted"],
            changes.Select(c => $"{c.Current.Metadata.Name}:{(c.Old is null ? "added" : c.New is null ? "deleted" : "updated")}").Order());
        Assert.Single(cache.List("other"));
        Assert.Equal(3, cache.List("ns").Count);
    }

    [Fact]
    public void Objects_are_indexed_by_namespace_and_owner()
    {
        var cache = new InformerCache<V1ConfigMap>();
        var owned = Map("ns", "child", "1");
        owned.Metadata.OwnerReferences = [new V1OwnerReference { Uid = "owner-1", Name = "parent", Kind = "Widget", ApiVersion = "test/v1" }];
        cache.Apply(WatchEventType.Added, owned);
        cache.Apply(WatchEventType.Added, Map("ns2", "other", "2"));

        Assert.Equal("child", Assert.Single(cache.ListOwnedBy("owner-1")).Metadata.Name);
        Assert.Equal("other", Assert.Single(cache.List("ns2")).Metadata.Name);
        Assert.Equal("child", cache.Get(new ObjectKey("ns", "child"))!.Metadata.Name);

        var orphaned = Map("ns", "child", "3");
        cache.Apply(WatchEventType.Modified, orphaned);
        Assert.Empty(cache.ListOwnedBy("owner-1"));
        Assert.Equal(2, cache.List().Count);
    }

    [Fact]
    public void An_index_finds_the_objects_under_a_key_from_the_objects_before_its_first_read_and_after()
    {
        var byTarget = new CacheIndex<V1ConfigMap>(
            "maps by target",
            m => m.Data?.TryGetValue("target", out var target) == true ? [new ObjectKey(m.Metadata.NamespaceProperty, target)] : []);
        var cache = new InformerCache<V1ConfigMap>();
        cache.Apply(WatchEventType.Added, Map("ns", "before", "1", target: "t"));
        cache.Apply(WatchEventType.Added, Map("ns", "untargeted", "2"));

        Assert.Equal(["before"], cache.ListIndexed(byTarget, new ObjectKey("ns", "t")).Select(m => m.Metadata.Name));

        cache.Apply(WatchEventType.Added, Map("ns", "after", "3", target: "t"));
        cache.Apply(WatchEventType.Added, Map("other", "elsewhere", "4", target: "t"));
        cache.Apply(WatchEventType.Modified, Map("ns", "before", "5", target: "u"));
        Assert.Equal(["after"], cache.ListIndexed(byTarget, new ObjectKey("ns", "t")).Select(m => m.Metadata.Name));
        Assert.Equal(["before"], cache.ListIndexed(byTarget, new ObjectKey("ns", "u")).Select(m => m.Metadata.Name));

        cache.Apply(WatchEventType.Deleted, Map("ns", "after", "6", target: "t"));
        cache.Replace("ns", [Map("ns", "untargeted", "2")]);
        Assert.Empty(cache.ListIndexed(byTarget, new ObjectKey("ns", "t")));
        Assert.Empty(cache.ListIndexed(byTarget, new ObjectKey("ns", "u")));
        Assert.Equal(["elsewhere"], cache.ListIndexed(byTarget, new ObjectKey("other", "t")).Select(m => m.Metadata.Name));
    }

    private static V1ConfigMap Map(string ns, string name, string version, string? target) =>
        new()
        {
            Metadata = new V1ObjectMeta { NamespaceProperty = ns, Name = name, ResourceVersion = version },
            Data = target is null ? null : new Dictionary<string, string> { ["target"] = target },
        };

    private static V1ConfigMap Map(string ns, string name, string version) =>
        new() { Metadata = new V1ObjectMeta { NamespaceProperty = ns, Name = name, ResourceVersion = version } };
}
