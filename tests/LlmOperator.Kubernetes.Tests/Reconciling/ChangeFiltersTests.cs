using k8s.Models;
using LlmOperator.Kubernetes.Access;
using LlmOperator.Kubernetes.Informers;
using LlmOperator.Kubernetes.Reconciling;
using LlmOperator.Kubernetes.Tests.Fixtures;

namespace LlmOperator.Kubernetes.Tests.Reconciling;

public class ChangeFiltersTests
{
    [Fact]
    public void A_status_only_update_is_dropped_and_a_spec_change_passes()
    {
        var before = Widget.Create("ns", "w");
        before.Metadata.Generation = 1;
        var statusOnly = Widget.Create("ns", "w");
        statusOnly.Metadata.Generation = 1;
        statusOnly.Status = new WidgetStatus { Note = "written by us" };
        var specChange = Widget.Create("ns", "w", size: 2);
        specChange.Metadata.Generation = 2;

        Assert.False(ChangeFilters.GenerationChanged(new CacheChange<Widget>(before, statusOnly)));
        Assert.True(ChangeFilters.GenerationChanged(new CacheChange<Widget>(before, specChange)));
        Assert.True(ChangeFilters.GenerationChanged(new CacheChange<Widget>(null, before)));
        Assert.True(ChangeFilters.GenerationChanged(new CacheChange<Widget>(before, null)));
    }

    [Fact]
    public void Deletion_finalizers_labels_and_annotations_pass_and_kinds_without_generation_always_pass()
    {
        var before = Widget.Create("ns", "w");
        before.Metadata.Generation = 1;
        Widget After(Action<V1ObjectMeta> change)
        {
            var after = Widget.Create("ns", "w");
            after.Metadata.Generation = 1;
            change(after.Metadata);
            return after;
        }

        Assert.True(ChangeFilters.GenerationChanged(new CacheChange<Widget>(before, After(m => m.DeletionTimestamp = DateTime.UtcNow))));
        Assert.True(ChangeFilters.GenerationChanged(new CacheChange<Widget>(before, After(m => m.Finalizers = ["x"]))));
        Assert.True(ChangeFilters.GenerationChanged(
            new CacheChange<Widget>(before, After(m => m.Labels = new Dictionary<string, string> { ["a"] = "b" }))));
        Assert.True(ChangeFilters.GenerationChanged(
            new CacheChange<Widget>(before, After(m => m.Annotations = new Dictionary<string, string> { ["a"] = "b" }))));
        var map = new V1ConfigMap { Metadata = new V1ObjectMeta { Name = "m" } };
        Assert.True(ChangeFilters.GenerationChanged(new CacheChange<V1ConfigMap>(map, map)));
    }

    [Fact]
    public void A_child_maps_to_its_controller_owner_of_the_right_kind_only()
    {
        var owner = ResourceKind.Of<Widget>();
        V1ConfigMap Child(string apiVersion, string kind, bool controller) => new()
        {
            Metadata = new V1ObjectMeta
            {
                NamespaceProperty = "ns",
                Name = "child",
                OwnerReferences = [new V1OwnerReference { ApiVersion = apiVersion, Kind = kind, Name = "parent", Uid = "u", Controller = controller }],
            },
        };

        Assert.Equal(new ObjectKey("ns", "parent"), ChangeFilters.ControllerOwnerKey(Child("test.llmoperator.io/v1", "Widget", true), owner));
        Assert.Null(ChangeFilters.ControllerOwnerKey(Child("test.llmoperator.io/v1", "Widget", false), owner));
        Assert.Null(ChangeFilters.ControllerOwnerKey(Child("other.io/v1", "Widget", true), owner));
        Assert.Null(ChangeFilters.ControllerOwnerKey(Child("test.llmoperator.io/v1", "Gadget", true), owner));
    }
}
