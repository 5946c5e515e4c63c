using System.Text.Json;
using System.Text.Json.Nodes;

namespace LlmOperator.Sandbox.Patching;

/// <summary>Reads the JSON body of a JSON, merge or strategic merge patch request.</summary>
internal static class PatchBody
{
    private static readonly JsonDocumentOptions Options = new() { AllowDuplicateProperties = false };

    /// <summary>
    /// Parses a body; text that is not JSON is refused as the API server refuses it (400 "invalid JSON patch").
    /// A member name repeated in one object is refused too: RFC 6902 appendix A.13 calls such a patch invalid.
    /// </summary>
    public static JsonNode? Parse(ReadOnlySpan<byte> utf8Json)
    {
        try
        {
            return JsonNode.Parse(utf8Json, documentOptions: Options);
        }
        catch (JsonException)
        {
            throw PatchException.Malformed("invalid JSON patch");
        }
    }
}
