using LlmOperator.Sandbox.Patching;

namespace LlmOperator.Sandbox.Tests.Patching;

public class PatchContentTypesTests
{
    [Theory]
    [InlineData("application/json-patch+json", PatchType.Json)]
    [InlineData("application/merge-patch+json; charset=utf-8", PatchType.Merge)]
    [InlineData("application/strategic-merge-patch+json", PatchType.StrategicMerge)]
    [InlineData("application/apply-patch+yaml", PatchType.Apply)]
    public void Names_each_patch_type(string contentType, PatchType expected)
    {
        Assert.True(PatchContentTypes.TryParse(contentType, out var patchType));
        Assert.Equal(expected, patchType);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("application/json")]
    [InlineData("application/apply-patch+cbor")]
    [InlineData("Application/Merge-Patch+Json")]
    public void Other_media_types_are_not_patches(string? contentType)
    {
        Assert.False(PatchContentTypes.TryParse(contentType, out _));
    }

    [Fact]
    public void The_refusal_lists_what_the_resource_accepts()
    {
        var refusal = PatchContentTypes.Unsupported(strategicMergeSupported: true);

        Assert.Equal(PatchFailure.UnsupportedMediaType, refusal.Failure);
        Assert.Equal(
            "the body of the request was in an unknown format - accepted media types include: "
                + "application/json-patch+json, application/merge-patch+json, application/strategic-merge-patch+json, application/apply-patch+yaml",
            refusal.StatusMessage);
    }

    [Fact]
    public void A_body_that_is_not_json_is_a_bad_request()
    {
        var refusal = Assert.Throws<PatchException>(() => PatchBody.Parse("{\"spec\":"u8));

        Assert.Equal(400, refusal.StatusCode);
        Assert.Equal("invalid JSON patch", refusal.Message);
        Assert.Equal("""{"a":[1]}""", PatchBody.Parse("""{"a":[1]}"""u8)!.ToJsonString());
    }
}
