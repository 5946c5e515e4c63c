using System.Text.Json.Nodes;
using LlmOperator.Sandbox.Patching;
using static LlmOperator.Sandbox.Tests.Patching.JsonAssert;

namespace LlmOperator.Sandbox.Tests.Patching;

/// <summary>Strategic merge patch as <c>kubectl patch</c> users write it, and the refusals of bad patches.</summary>
public class StrategicMergePatchTests
{
    private static readonly JsonObject Pod = Object("""
        {"apiVersion":"v1","kind":"Pod",
         "metadata":{"name":"p","labels":{"app":"web"},"ownerReferences":[{"apiVersion":"apps/v1","kind":"ReplicaSet","name":"rs","uid":"u1"}]},
         "spec":{"containers":[{"name":"app","image":"nginx","args":["--a","--b"],"env":[{"name":"A","value":"1"}]}],"nodeSelector":{"disk":"ssd"}},
         "status":{"phase":"Running","conditions":[{"type":"Ready","status":"False"},{"type":"Initialized","status":"True"}]}}
        """);

    private static JsonObject Patch(string patch) => StrategicMergePatch.Apply(Pod, Parse(patch), Rules());

    private static IMergeRules Rules()
    {
        Assert.True(BuiltInMergeRules.TryGet("v1", "Pod", out var rules));
        return rules;
    }

    private static PatchException Refused(PatchFailure failure, string patch) => JsonAssert.Refused(failure, () => Patch(patch));

    [Fact]
    public void A_new_list_item_goes_before_the_items_only_the_server_has()
    {
        var result = Patch("""{"spec":{"containers":[{"name":"sidecar","image":"busybox"}]}}""");

        Equal(
            """[{"name":"sidecar","image":"busybox"},{"name":"app","image":"nginx","args":["--a","--b"],"env":[{"name":"A","value":"1"}]}]""",
            result["spec"]!["containers"]);
    }

    [Fact]
    public void Lists_without_a_merge_key_are_replaced()
    {
        var result = Patch("""{"spec":{"containers":[{"name":"app","args":["--c"]}]}}""");

        Equal("""[{"name":"app","image":"nginx","args":["--c"],"env":[{"name":"A","value":"1"}]}]""", result["spec"]!["containers"]);
    }

    [Fact]
    public void Status_conditions_merge_by_type_and_owner_references_by_uid()
    {
        var result = Patch("""
            {"metadata":{"ownerReferences":[{"apiVersion":"apps/v1","kind":"ReplicaSet","name":"rs2","uid":"u2"}]},
             "status":{"conditions":[{"type":"Ready","status":"True"}]}}
            """);

        Equal(
            """[{"apiVersion":"apps/v1","kind":"ReplicaSet","name":"rs2","uid":"u2"},"""
                + """{"apiVersion":"apps/v1","kind":"ReplicaSet","name":"rs","uid":"u1"}]""",
            result["metadata"]!["ownerReferences"]);
        Equal("""[{"type":"Ready","status":"True"},{"type":"Initialized","status":"True"}]""", result["status"]!["conditions"]);
    }

    [Fact]
    public void Null_deletes_and_a_null_for_an_absent_field_leaves_no_trace()
    {
        var result = Patch("""{"metadata":{"labels":{"app":null,"new":"1"},"annotations":{"a":"1","b":null}},"spec":{"nodeSelector":null}}""");

        Equal("""{"new":"1"}""", result["metadata"]!["labels"]);
        Equal("""{"a":"1"}""", result["metadata"]!["annotations"]);
        Assert.False(result["spec"]!.AsObject().ContainsKey("nodeSelector"));
    }

    [Fact]
    public void Patch_replace_replaces_a_list_or_a_map()
    {
        var result = Patch("""{"spec":{"containers":[{"$patch":"replace"},{"name":"only","image":"x"}],"nodeSelector":{"$patch":"replace","zone":"a"}}}""");

        Equal("""[{"name":"only","image":"x"}]""", result["spec"]!["containers"]);
        Equal("""{"zone":"a"}""", result["spec"]!["nodeSelector"]);
    }

    [Fact]
    public void Patch_delete_empties_a_map()
    {
        Equal("{}", Patch("""{"spec":{"nodeSelector":{"$patch":"delete"}}}""")["spec"]!["nodeSelector"]);
    }

    [Fact]
    public void Deletion_from_a_primitive_list_and_merging_into_it()
    {
        var live = Object("""{"apiVersion":"v1","kind":"Secret","metadata":{"name":"s","finalizers":["a","b","c"]}}""");
        Assert.True(BuiltInMergeRules.TryGet("v1", "Secret", out var rules));

        var result = StrategicMergePatch.Apply(
            live, Parse("""{"metadata":{"$deleteFromPrimitiveList/finalizers":["b","zzz"],"finalizers":["d","a"]}}"""), rules);

        Equal("""["d","a","c"]""", result["metadata"]!["finalizers"]);
    }

    [Fact]
    public void A_null_body_changes_nothing()
    {
        Equal(Pod.ToJsonString(), StrategicMergePatch.Apply(Pod, null, Rules()));
    }

    [Theory]
    [InlineData("""[{"op":"add"}]""", "json: cannot unmarshal array into Go value of type map[string]interface {}")]
    [InlineData("\"spec\"", "json: cannot unmarshal string into Go value of type map[string]interface {}")]
    [InlineData("""{"spec":{"containers":[{"image":"nginx:2"}]}}""", "map: map[image:nginx:2] does not contain declared merge key: name")]
    [InlineData("""{"spec":{"containers":[{"$patch":"delete"}]}}""", "map: map[$patch:delete] does not contain declared merge key: name")]
    [InlineData("""{"spec":{"$patch":"explode"}}""", "unknown patch type: explode in map: map[$patch:explode]")]
    [InlineData("""{"spec":{"containers":[{"$patch":"merge"}]}}""", "merging lists cannot yet be specified in the patch")]
    [InlineData("""{"spec":{"$retainKeys":"containers"}}""", "invalid patch format of retainKeys")]
    [InlineData("""{"spec":{"$retainKeys":["containers"],"nodeSelector":{}}}""", "invalid patch format of retainKeys")]
    [InlineData("""{"metadata":{"$deleteFromPrimitiveListfinalizers":["a"]}}""", "invalid patch format of primitive list")]
    [InlineData("""{"spec":{"$setElementOrder":[{"name":"app"}]}}""", "invalid patch format of setElementOrder list")]
    [InlineData(
        """{"spec":{"$setElementOrder/containers":[{"name":"app"}],"containers":[{"name":"other","image":"x"}]}}""",
        "The order in patch list:\n[map[image:x name:other]]\n doesn't match $setElementOrder list:\n[map[name:app]]\n")]
    [InlineData(
        """{"spec":{"containers":["app"]}}""",
        "list element types are not identical: [[map[args:[--a --b] env:[map[name:A value:1]] image:nginx name:app]] [app]]")]
    [InlineData("""{"metadata":{"finalizers":[{"name":"x"}]}}""", "cannot merge lists without merge key for metadata.finalizers")]
    [InlineData("""{"spec":{"$setElementOrder/containers":"app"}}""", "expected a []interface {}, but received a string")]
    [InlineData("""{"spec":{"$setElementOrder/nodeSelector":["disk"]}}""", "expected a []interface {}, but received a map[string]interface {}")]
    public void Malformed_patches_are_bad_requests(string patch, string message)
    {
        var finalizers = Pod.DeepClone().AsObject();
        finalizers["metadata"]!["finalizers"] = new JsonArray();
        var refusal = JsonAssert.Refused(PatchFailure.Malformed, () => StrategicMergePatch.Apply(finalizers, Parse(patch), Rules()));

        Assert.Equal(message, refusal.Message);
        Assert.Equal(message, refusal.StatusMessage);
        Assert.Equal(400, refusal.StatusCode);
    }

    [Fact]
    public void Lists_of_lists_do_not_apply()
    {
        var live = Pod.DeepClone().AsObject();
        live["metadata"]!["finalizers"] = new JsonArray();

        var refusal = JsonAssert.Refused(PatchFailure.NotApplicable, () =>
            StrategicMergePatch.Apply(live, Parse("""{"metadata":{"finalizers":[["a"]]}}"""), Rules()));

        Assert.Equal("lists of lists are not supported", refusal.Message);
        Assert.Equal(422, refusal.StatusCode);
    }

    [Fact]
    public void Only_built_in_kinds_take_strategic_merge_patch()
    {
        Assert.True(BuiltInMergeRules.SupportsStrategicMerge("apps/v1", "Deployment"));
        Assert.True(BuiltInMergeRules.SupportsStrategicMerge("apiextensions.k8s.io/v1", "CustomResourceDefinition"));
        Assert.True(BuiltInMergeRules.SupportsStrategicMerge("events.k8s.io/v1", "Event"));
        Assert.False(BuiltInMergeRules.SupportsStrategicMerge("example.com/v1", "Widget"));
        Assert.False(BuiltInMergeRules.SupportsStrategicMerge("gateway.networking.k8s.io/v1", "HTTPRoute"));
        Assert.False(BuiltInMergeRules.SupportsStrategicMerge("v1", "Deployment"));
    }
}
