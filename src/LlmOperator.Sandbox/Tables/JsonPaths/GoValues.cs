using System.Text.Json;
using System.Text.Json.Nodes;
using LlmOperator.Api.Json;

namespace LlmOperator.Sandbox.Tables.JsonPaths;

/// <summary>The Go kinds a JSON value has once the API server decodes it as unstructured content.</summary>
internal enum GoKind
{
    /// <summary>JSON null (a nil interface).</summary>
    Nil,

    /// <summary>true or false.</summary>
    Bool,

    /// <summary>An int64: a number written without fraction or exponent that fits 64 bits.</summary>
    Int,

    /// <summary>A float64: every other number.</summary>
    Float,

    /// <summary>A string.</summary>
    String,

    /// <summary>An object (map[string]interface{}).</summary>
    Map,

    /// <summary>An array ([]interface{}).</summary>
    Slice,
}

/// <summary>
/// Reads JSON values as Go sees unstructured objects: the API server decodes <c>2</c> as int64 and
/// <c>2.0</c> or <c>2e0</c> as float64, and that difference shows in comparisons and printing.
/// </summary>
internal static class GoValues
{
    /// <summary>The Go kind of a value.</summary>
    public static GoKind KindOf(JsonNode? node) => node switch
    {
        null => GoKind.Nil,
        JsonObject => GoKind.Map,
        JsonArray => GoKind.Slice,
        _ when JsonKinds.IsString(node) => GoKind.String,
        _ when JsonKinds.IsBoolean(node) => GoKind.Bool,
        _ => TryGetInt(node, out _) ? GoKind.Int : GoKind.Float,
    };

    /// <summary>The value of a number Go holds as int64; 0 for anything else.</summary>
    public static long IntValue(JsonNode? node) => TryGetInt(node, out var value) ? value : 0;

    /// <summary>The value of a number Go holds as int64.</summary>
    public static bool TryGetInt(JsonNode? node, out long value)
    {
        value = 0;
        if (!JsonKinds.IsNumber(node))
        {
            return false;
        }

        var number = node!.AsValue();
        if (number.TryGetValue<JsonElement>(out var element))
        {
            // Go parses the literal with ParseInt first, so 2.0 and 1e3 stay floats.
            return element.GetRawText().AsSpan().IndexOfAny(".eE") < 0 && element.TryGetInt64(out value);
        }

        if (number.TryGetValue(out value))
        {
            return true;
        }

        if (number.TryGetValue<int>(out var small))
        {
            value = small;
            return true;
        }

        return false;
    }

    /// <summary>The Go type name of a value, for error messages.</summary>
    public static string TypeName(JsonNode? node) => KindOf(node) switch
    {
        GoKind.Nil => "<nil>",
        GoKind.Bool => "bool",
        GoKind.Int => "int64",
        GoKind.Float => "float64",
        GoKind.String => "string",
        GoKind.Map => "map[string]interface {}",
        _ => "[]interface {}",
    };
}
