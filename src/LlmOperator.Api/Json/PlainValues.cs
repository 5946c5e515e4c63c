using System.Text.Json.Nodes;

namespace LlmOperator.Api.Json;

/// <summary>
/// Converts JSON values into plain CLR values, the form the Cel library evaluates and Liquid renders:
/// objects as string-keyed dictionaries, arrays as lists, integers as long, other numbers as double.
/// </summary>
public static class PlainValues
{
    /// <summary>The plain value of a JSON value.</summary>
    public static object? From(JsonNode? node) => Convert(node, null);

    /// <summary>
    /// The plain value of a JSON value, reusing the values of objects and arrays already in <paramref name="converted"/>
    /// (by reference) and adding those it converts: for a caller that converts a node and then its parent.
    /// </summary>
    public static object? From(JsonNode? node, Dictionary<JsonNode, object?> converted)
    {
        ArgumentNullException.ThrowIfNull(converted);
        return Convert(node, converted);
    }

    private static object? Convert(JsonNode? node, Dictionary<JsonNode, object?>? converted)
    {
        if (node is JsonObject or JsonArray && converted?.TryGetValue(node, out var known) == true)
        {
            return known;
        }

        object? value = node switch
        {
            null => null,
            JsonObject obj => obj.ToDictionary(p => p.Key, p => Convert(p.Value, converted), StringComparer.Ordinal),
            JsonArray array => array.Select(item => Convert(item, converted)).ToList(),
            _ when JsonKinds.IsString(node) => node.GetValue<string>(),
            _ when JsonKinds.IsBoolean(node) => node.GetValue<bool>(),
            // CEL keeps int and double apart: 2.0 stays a double, as the API server reads it.
            _ when node.AsValue().TryGetValue<long>(out var integer) => integer,
            _ when node.AsValue().TryGetValue<int>(out var small) => (long)small,
            _ => JsonKinds.ToDouble(node),
        };
        if (node is JsonObject or JsonArray && converted is not null)
        {
            converted[node] = value;
        }

        return value;
    }
}
