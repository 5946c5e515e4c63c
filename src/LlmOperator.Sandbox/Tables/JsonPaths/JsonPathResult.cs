using System.Text.Json.Nodes;

namespace LlmOperator.Sandbox.Tables.JsonPaths;

/// <summary>
/// What a path found: the values in document order (a null entry is a JSON null that was found), or
/// the error client-go's evaluator reports (an index out of range, values that cannot be compared).
/// A missing key is not an error: it finds nothing.
/// </summary>
/// <param name="Values">The values found (on error, what the failing step returned).</param>
/// <param name="Error">The evaluation error, or null.</param>
internal readonly record struct JsonPathResult(IReadOnlyList<JsonNode?> Values, string? Error)
{
    /// <summary>Whether the evaluation ran without error.</summary>
    public bool Succeeded => Error is null;
}
