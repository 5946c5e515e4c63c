using LlmOperator.Sandbox.Patching;
using static LlmOperator.Sandbox.Tests.Patching.JsonAssert;

namespace LlmOperator.Sandbox.Tests.Patching;

public class ObjectPatcherTests
{
    private const string ConfigMap = """{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"c","finalizers":["a"]},"data":{"k":"v"}}""";
    private const string Widget = """{"apiVersion":"example.com/v1","kind":"Widget","metadata":{"name":"w"},"spec":{"size":3}}""";

    [Fact]
    public void Each_patch_type_goes_to_its_engine()
    {
        Equal(
            """{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"c","finalizers":["a"]},"data":{"k":"w"}}""",
            ObjectPatcher.Patch(PatchType.Json, Object(ConfigMap),
                Parse("""[{"op":"test","path":"/data/k","value":"v"},{"op":"replace","path":"/data/k","value":"w"}]""")));
        Equal(
            """{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"c","finalizers":["b"]},"data":{"k":"v"}}""",
            ObjectPatcher.Patch(PatchType.Merge, Object(ConfigMap), Parse("""{"metadata":{"finalizers":["b"]}}""")));
        Equal(
            """{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"c","finalizers":["b","a"]},"data":{"k":"v"}}""",
            ObjectPatcher.Patch(PatchType.StrategicMerge, Object(ConfigMap), Parse("""{"metadata":{"finalizers":["b"]}}""")));
        Equal(
            """{"apiVersion":"example.com/v1","kind":"Widget","metadata":{"name":"w"},"spec":{"size":9}}""",
            ObjectPatcher.Patch(PatchType.Merge, Object(Widget), Parse("""{"spec":{"size":9}}""")));
    }

    [Fact]
    public void Strategic_merge_on_a_custom_resource_is_an_unsupported_media_type()
    {
        var refusal = Refused(PatchFailure.UnsupportedMediaType, () =>
            ObjectPatcher.Patch(PatchType.StrategicMerge, Object(Widget), Parse("""{"spec":{"size":9}}""")));

        Assert.Equal(415, refusal.StatusCode);
        Assert.Equal("UnsupportedMediaType", refusal.Reason);
        Assert.Equal(
            "the body of the request was in an unknown format - accepted media types include: "
                + "application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml",
            refusal.Message);
    }

    [Theory]
    [InlineData("null")]
    [InlineData("\"text\"")]
    [InlineData("42")]
    public void A_merge_patch_that_is_not_an_object_is_malformed(string patch)
    {
        Assert.Equal(
            "Invalid JSON Patch",
            Refused(PatchFailure.Malformed, () => ObjectPatcher.Patch(PatchType.Merge, Object(ConfigMap), Parse(patch))).Message);
    }

    [Fact]
    public void A_patch_that_leaves_no_object_does_not_apply()
    {
        Assert.Equal(
            "\"\" is invalid: patch: Invalid value: \"[1]\": json: cannot unmarshal array into Go value of type map[string]interface {}",
            Refused(PatchFailure.NotApplicable, () => ObjectPatcher.Patch(PatchType.Merge, Object(ConfigMap), Parse("[1]"))).Message);
        Refused(PatchFailure.NotApplicable, () =>
            ObjectPatcher.Patch(PatchType.Json, Object(ConfigMap), Parse("""[{"op":"replace","path":"","value":"x"}]""")));
    }

    [Fact]
    public void Server_side_apply_has_its_own_entry_point()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => ObjectPatcher.Patch(PatchType.Apply, Object(ConfigMap), Parse("{}")));
    }
}
