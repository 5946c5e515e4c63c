using System.Text.Json.Nodes;

namespace LlmOperator.Sandbox.Patching;

/// <summary>RFC 6902 JSON patch (<c>application/json-patch+json</c>).</summary>
internal static class JsonPatch
{
    /// <summary>
    /// Applies a patch (an array of operations) to a copy of a document, operation by operation; any failure
    /// fails the whole patch. A patch that is not an array of objects is malformed (400); an operation that
    /// cannot be applied, including a failed <c>test</c>, does not apply (422).
    /// </summary>
    public static JsonNode? Apply(JsonNode? document, JsonNode? patch)
    {
        // The API server decodes "null" into an empty list of operations.
        var operations = patch switch
        {
            null => [],
            JsonArray array => array.Select(ReadOperation).ToList(),
            _ => throw PatchException.Malformed(GoText.CannotUnmarshal(patch, "jsonpatch.Patch")),
        };

        var result = document?.DeepClone();
        foreach (var operation in operations)
        {
            result = operation.ApplyTo(result);
        }

        return result;
    }

    private static JsonPatchOperation ReadOperation(JsonNode? operation) => operation is JsonObject obj
        ? JsonPatchOperation.Read(obj)
        : throw PatchException.Malformed(GoText.CannotUnmarshal(operation, "jsonpatch.Operation"));
}
