using k8s;
using k8s.Models;
using LlmOperator.Kubernetes.Informers;

namespace LlmOperator.Kubernetes.Tests.Informers;

public class VersionSharingTests
{
    [Fact]
    public void A_new_version_takes_over_the_metadata_parts_equal_to_the_previous_versions_and_keeps_the_changed_ones()
    {
        // Read from JSON, as the informers do, so that each version holds its own copies.
        var previous = Metadata("""
            {"name": "chat", "resourceVersion": "7", "labels": {"app": "chat", "tier": "web"}, "annotations": {"note": "a"},
             "finalizers": ["llmoperator.io/cleanup"],
             "ownerReferences": [{"apiVersion": "llmoperator.io/v1alpha1", "kind": "ModelDeployment", "name": "chat", "uid": "u-1", "controller": true}]}
            """);
        var next = Metadata("""
            {"name": "chat", "resourceVersion": "8", "labels": {"tier": "web", "app": "chat"}, "annotations": {"note": "b"},
             "finalizers": ["llmoperator.io/cleanup"],
             "ownerReferences": [{"apiVersion": "llmoperator.io/v1alpha1", "kind": "ModelDeployment", "name": "chat", "uid": "u-1", "controller": true}]}
            """);

        VersionSharing.ShareMetadata(next, previous);

        Assert.Same(previous.Labels, next.Labels);
        Assert.Same(previous.OwnerReferences, next.OwnerReferences);
        Assert.Same(previous.Finalizers, next.Finalizers);
        Assert.NotSame(previous.Annotations, next.Annotations);
        Assert.Equal(("b", "8"), (next.Annotations["note"], next.ResourceVersion));
    }

    [Fact]
    public void Owners_that_differ_in_any_field_are_not_shared()
    {
        var previous = Metadata("""{"ownerReferences": [{"apiVersion": "v1", "kind": "ConfigMap", "name": "a", "uid": "u-1", "controller": true}]}""");
        var next = Metadata("""{"ownerReferences": [{"apiVersion": "v1", "kind": "ConfigMap", "name": "a", "uid": "u-1", "controller": false}]}""");

        VersionSharing.ShareMetadata(next, previous);

        Assert.NotSame(previous.OwnerReferences, next.OwnerReferences);
        Assert.False(Assert.Single(next.OwnerReferences).Controller);
    }

    [Fact]
    public void A_list_of_equal_items_is_the_previous_list_and_a_changed_list_keeps_its_new_items_beside_the_shared_ones()
    {
        List<string> previous = ["ready", "progressing", "paused"];
        List<string> reordered = [Copy("paused"), Copy("ready")];
        List<string> same = [.. previous.Select(Copy)];

        Assert.Same(previous, VersionSharing.ShareItems<List<string>, string>(same, previous, string.Equals));

        var changed = VersionSharing.ShareItems<List<string>, string>(reordered, previous, string.Equals);
        Assert.Same(reordered, changed);
        Assert.Same(previous[2], changed![0]);
        Assert.Same(previous[0], changed[1]);

        List<string> grown = [Copy("ready"), "degraded"];
        var partly = VersionSharing.ShareItems<List<string>, string>(grown, previous, string.Equals)!;
        Assert.Same(grown, partly);
        Assert.Same(previous[0], partly[0]);
        Assert.Equal("degraded", partly[1]);
        List<string> longer = [.. previous.Select(Copy), "degraded"];
        Assert.Same(longer, VersionSharing.ShareItems<List<string>, string>(longer, previous, string.Equals));
        Assert.Equal([true, true, true, false], longer.Select((s, i) => i < previous.Count && ReferenceEquals(s, previous[i])));
        Assert.Null(VersionSharing.ShareItems<List<string>, string>(null, previous, string.Equals));
    }

    // Equal strings that are not one instance, as two deserialised versions hold.
    private static string Copy(string value) => new(value.AsSpan());

    private static V1ObjectMeta Metadata(string json) => KubernetesJson.Deserialize<V1ObjectMeta>(json);
}
