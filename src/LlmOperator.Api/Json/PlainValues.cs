using System.Text.Json.Nodes;

namespace LlmOperator.Api.Json;

/// <summary>
/// Converts JSON values into plain CLR values, the form the Cel library evaluates and Liquid renders:
/// objects as string-keyed dictionaries, arrays as lists, integers as long, other numbers as double.
/// </summary>
public static class PlainValues
{
    /// <summary>The plain value of a JSON value.</summary>
    public static object? From(JsonNode? node) => node switch
    {
        null => null,
        JsonObject obj => obj.ToDictionary(p => p.Key, p => From(p.Value), StringComparer.Ordinal),
        JsonArray array => array.Select(From).ToList(),
        _ when JsonKinds.IsString(node) => node.GetValue<string>(),
        _ when JsonKinds.IsBoolean(node) => node.GetValue<bool>(),
        // CEL keeps int and double apart: 2.0 stays a double, as the API server reads it.
        _ when node.AsValue().TryGetValue<long>(out var integer) => integer,
        _ when node.AsValue().TryGetValue<int>(out var small) => (long)small,
        _ => JsonKinds.ToDouble(node),
    };
}
