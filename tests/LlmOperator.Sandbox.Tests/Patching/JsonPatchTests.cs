using System.Text.Json.Nodes;
using LlmOperator.Sandbox.Patching;
using static LlmOperator.Sandbox.Tests.Patching.JsonAssert;

namespace LlmOperator.Sandbox.Tests.Patching;

public class JsonPatchTests
{
    [Fact]
    public void Does_not_change_its_inputs()
    {
        var document = Object("""{"spec":{"replicas":1,"args":["a"]}}""");
        var patch = Parse("""[{"op":"replace","path":"/spec/replicas","value":{"n":2}},{"op":"add","path":"/spec/args/-","value":"b"}]""");

        var result = JsonPatch.Apply(document, patch);
        result!["spec"]!["replicas"]!["n"] = 3;

        Equal("""{"spec":{"replicas":1,"args":["a"]}}""", document);
        Equal("""[{"op":"replace","path":"/spec/replicas","value":{"n":2}},{"op":"add","path":"/spec/args/-","value":"b"}]""", patch);
    }

    [Fact]
    public void Operations_apply_in_order_and_all_or_nothing()
    {
        var document = Object("""{"a":1}""");

        Equal("""{"b":1}""", JsonPatch.Apply(document, Parse("""[{"op":"copy","from":"/a","path":"/b"},{"op":"remove","path":"/a"}]""")));
        Refused(PatchFailure.NotApplicable, () => JsonPatch.Apply(document, Parse("""[{"op":"remove","path":"/a"},{"op":"remove","path":"/a"}]""")));
        Equal("""{"a":1}""", document);
    }

    [Fact]
    public void Array_indexes_follow_the_rfc()
    {
        var document = Object("""{"l":["a","b"]}""");

        Equal("""{"l":["a","b","c"]}""", JsonPatch.Apply(document, Parse("""[{"op":"add","path":"/l/2","value":"c"}]""")));
        Equal("""{"l":["x","a","b"]}""", JsonPatch.Apply(document, Parse("""[{"op":"add","path":"/l/0","value":"x"}]""")));
        Assert.Equal(
            "error in add for path: '/l/3': Unable to access invalid index: 3: invalid index referenced",
            Refused(PatchFailure.NotApplicable, () => JsonPatch.Apply(document, Parse("""[{"op":"add","path":"/l/3","value":"c"}]"""))).Message);
        Assert.Equal(
            "error in add for path: '/l/01': value was not a proper array index: '01'",
            Refused(PatchFailure.NotApplicable, () => JsonPatch.Apply(document, Parse("""[{"op":"add","path":"/l/01","value":"c"}]"""))).Message);
        Assert.Equal(
            "error in remove for path: '/l/-': Unable to access invalid index: -: invalid index referenced",
            Refused(PatchFailure.NotApplicable, () => JsonPatch.Apply(document, Parse("""[{"op":"remove","path":"/l/-"}]"""))).Message);
        Assert.Equal(
            "replace operation does not apply: doc is missing key: /l/2: missing value",
            Refused(PatchFailure.NotApplicable, () => JsonPatch.Apply(document, Parse("""[{"op":"replace","path":"/l/2","value":"c"}]"""))).Message);
    }

    [Fact]
    public void Replace_and_remove_need_an_existing_member()
    {
        var document = Object("""{"metadata":{"labels":{"app":"web"}}}""");

        Assert.Equal(
            "replace operation does not apply: doc is missing key: /metadata/annotations: missing value",
            Refused(PatchFailure.NotApplicable, () =>
                JsonPatch.Apply(document, Parse("""[{"op":"replace","path":"/metadata/annotations","value":{}}]"""))).Message);
        Assert.Equal(
            "error in remove for path: '/metadata/labels/tier': Unable to remove nonexistent key: tier: missing value",
            Refused(PatchFailure.NotApplicable, () => JsonPatch.Apply(document, Parse("""[{"op":"remove","path":"/metadata/labels/tier"}]"""))).Message);
        Assert.Equal(
            "remove operation does not apply: doc is missing path: \"/spec/replicas\": missing value",
            Refused(PatchFailure.NotApplicable, () => JsonPatch.Apply(document, Parse("""[{"op":"remove","path":"/spec/replicas"}]"""))).Message);
    }

    [Fact]
    public void Pointers_unescape_tilde_and_slash()
    {
        var document = Object("""{"metadata":{"annotations":{"example.com/a~b":"1"}}}""");

        Equal(
            """{"metadata":{"annotations":{"example.com/a~b":"2"}}}""",
            JsonPatch.Apply(document, Parse("""[{"op":"replace","path":"/metadata/annotations/example.com~1a~0b","value":"2"}]""")));
    }

    [Fact]
    public void Move_copy_and_test()
    {
        var document = Object("""{"a":{"x":1},"b":[1,2.0]}""");

        Equal("""{"b":[1,2.0],"c":{"x":1}}""", JsonPatch.Apply(document, Parse("""[{"op":"move","from":"/a","path":"/c"}]""")));
        Equal("""{"a":{"x":1,"y":{"x":1}},"b":[1,2.0]}""", JsonPatch.Apply(document, Parse("""[{"op":"copy","from":"/a","path":"/a/y"}]""")));
        Equal(
            """{"a":{"x":1},"b":[1,2.0]}""",
            JsonPatch.Apply(document, Parse("""[{"op":"test","path":"/b","value":[1.0,2]},{"op":"test","path":"/a","value":{"x":1}}]""")));
        Assert.Equal(
            "move operation does not apply: from path /a is a prefix of path /a/x/y",
            Refused(PatchFailure.NotApplicable, () => JsonPatch.Apply(document, Parse("""[{"op":"move","from":"/a","path":"/a/x/y"}]"""))).Message);
        Assert.Equal(
            "copy operation does not apply: doc is missing from path: /z: missing value",
            Refused(PatchFailure.NotApplicable, () => JsonPatch.Apply(document, Parse("""[{"op":"copy","from":"/z","path":"/y"}]"""))).Message);
        Assert.Equal(
            "test operation does not apply: is missing path: /z: missing value",
            Refused(PatchFailure.NotApplicable, () => JsonPatch.Apply(document, Parse("""[{"op":"test","path":"/z","value":1}]"""))).Message);
    }

    [Fact]
    public void The_whole_document_can_be_replaced()
    {
        Equal("""{"kind":"Other"}""", JsonPatch.Apply(Object("""{"kind":"Pod"}"""), Parse("""[{"op":"replace","path":"","value":{"kind":"Other"}}]""")));
    }

    [Fact]
    public void A_null_patch_changes_nothing()
    {
        Equal("""{"a":1}""", JsonPatch.Apply(Object("""{"a":1}"""), null));
    }

    [Theory]
    [InlineData("""{"op":"add","path":"/a","value":1}""", "json: cannot unmarshal object into Go value of type jsonpatch.Patch")]
    [InlineData("""["add"]""", "json: cannot unmarshal string into Go value of type jsonpatch.Operation")]
    public void A_patch_that_is_not_a_list_of_operations_is_malformed(string patch, string message)
    {
        Assert.Equal(message, Refused(PatchFailure.Malformed, () => JsonPatch.Apply(Object("{}"), Parse(patch))).Message);
    }

    [Theory]
    [InlineData("""[{"op":"merge","path":"/a","value":1}]""", "Unexpected kind: merge")]
    [InlineData("""[{"path":"/a","value":1}]""", "Unexpected kind: unknown")]
    [InlineData("""[{"op":"add","value":1}]""", "add operation failed to decode path: missing value")]
    [InlineData("""[{"op":"add","path":"a","value":1}]""", "add operation failed to decode path: missing value")]
    [InlineData("""[{"op":"add","path":5,"value":1}]""", "add operation failed to decode path: missing value")]
    [InlineData("""[{"op":"add","path":"/a"}]""", "add operation failed to decode value: operation, missing value field: missing value")]
    [InlineData("""[{"op":"move","path":"/a"}]""", "move operation failed to decode from: operation, missing from field: missing value")]
    public void Operations_with_bad_members_do_not_apply(string patch, string message)
    {
        var refusal = Refused(PatchFailure.NotApplicable, () => JsonPatch.Apply(Object("""{"a":0}"""), Parse(patch)));

        Assert.Equal(message, refusal.Message);
        Assert.Equal(PatchException.GenericInvalidMessage, refusal.StatusMessage);
    }

    [Fact]
    public void A_null_value_is_a_value()
    {
        Equal("""{"a":null}""", JsonPatch.Apply(new JsonObject(), Parse("""[{"op":"add","path":"/a","value":null}]""")));
    }
}
