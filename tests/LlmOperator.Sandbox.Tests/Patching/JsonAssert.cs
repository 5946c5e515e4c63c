using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using LlmOperator.Sandbox.Patching;

namespace LlmOperator.Sandbox.Tests.Patching;

/// <summary>Assertions on JSON values: equal as JSON (member order aside), with both texts shown on failure.</summary>
internal static class JsonAssert
{
    private static readonly JsonSerializerOptions Readable = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static JsonNode? Parse(string json) => JsonNode.Parse(json);

    public static JsonObject Object(string json) => JsonNode.Parse(json)!.AsObject();

    public static void Equal(string expectedJson, JsonNode? actual)
    {
        var expected = JsonNode.Parse(expectedJson);
        if (!JsonNode.DeepEquals(expected, actual))
        {
            Assert.Fail($"Expected:\n{expected?.ToJsonString(Readable) ?? "null"}\nActual:\n{actual?.ToJsonString(Readable) ?? "null"}");
        }
    }

    /// <summary>Runs an action that must refuse the patch, and returns the refusal.</summary>
    public static PatchException Refused(PatchFailure failure, Action action)
    {
        var refusal = Assert.Throws<PatchException>(action);
        Assert.Equal(failure, refusal.Failure);
        return refusal;
    }
}
