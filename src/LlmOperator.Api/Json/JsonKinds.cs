using System.Text.Json;
using System.Text.Json.Nodes;

namespace LlmOperator.Api.Json;

/// <summary>Type tests on JSON values that hold whether they were parsed or built in memory.</summary>
public static class JsonKinds
{
    /// <summary>Whether the value is a JSON string.</summary>
    public static bool IsString(JsonNode? node) => node is JsonValue v && v.GetValueKind() == JsonValueKind.String;

    /// <summary>Whether the value is a JSON number.</summary>
    public static bool IsNumber(JsonNode? node) => node is JsonValue v && v.GetValueKind() == JsonValueKind.Number;

    /// <summary>Whether the value is true or false.</summary>
    public static bool IsBoolean(JsonNode? node) => node is JsonValue v && v.GetValueKind() is JsonValueKind.True or JsonValueKind.False;

    /// <summary>Whether the value is a number without a fractional part that fits a 64-bit integer.</summary>
    public static bool IsInteger(JsonNode? node) => TryGetInteger(node, out _);

    /// <summary>The value of an integral number, whether it is held as an integer or as a double like 2.0.</summary>
    public static bool TryGetInteger(JsonNode? node, out long value)
    {
        value = 0;
        if (!IsNumber(node))
        {
            return false;
        }

        var number = node!.AsValue();
        if (number.TryGetValue(out value))
        {
            return true;
        }

        var d = ToDouble(number);
        if (Math.Floor(d) != d || Math.Abs(d) >= 9.2e18)
        {
            return false;
        }

        value = (long)d;
        return true;
    }

    /// <summary>
    /// The value of a number as a double. Values built in memory keep their CLR type (a JsonValue of long
    /// will not give a double), so every numeric read goes through here.
    /// </summary>
    public static double ToDouble(JsonNode node)
    {
        ArgumentNullException.ThrowIfNull(node);
        var value = node.AsValue();
        if (value.TryGetValue<double>(out var d))
        {
            return d;
        }

        if (value.TryGetValue<long>(out var l))
        {
            return l;
        }

        if (value.TryGetValue<int>(out var i))
        {
            return i;
        }

        if (value.TryGetValue<decimal>(out var m))
        {
            return (double)m;
        }

        return value.TryGetValue<float>(out var f) ? f : throw new InvalidOperationException($"{node.ToJsonString()} is not a number.");
    }

    /// <summary>The JSON type name of a value: object, array, string, number, boolean or null.</summary>
    public static string TypeName(JsonNode? node) => node switch
    {
        null => "null",
        JsonObject => "object",
        JsonArray => "array",
        _ when IsString(node) => "string",
        _ when IsNumber(node) => "number",
        _ => "boolean",
    };
}
