using System.Globalization;
using System.Text.Json.Nodes;
using LlmOperator.Api.Json;

namespace LlmOperator.Sandbox.Tables.JsonPaths;

/// <summary>
/// How client-go's jsonpath prints what a path found (<c>PrintResults</c>): strings as they are,
/// numbers as Go prints them, objects and arrays as Go's compact JSON, several results separated by
/// one space.
/// </summary>
internal static class JsonPathText
{
    /// <summary>The text of several results.</summary>
    public static string Format(IEnumerable<JsonNode?> values) => string.Join(' ', values.Select(FormatValue));

    /// <summary>The text of one result; a JSON null prints as <c>null</c>.</summary>
    public static string FormatValue(JsonNode? value) => GoValues.KindOf(value) switch
    {
        GoKind.Nil => "null",
        GoKind.String => value!.GetValue<string>(),
        GoKind.Bool => value!.GetValue<bool>() ? "true" : "false",
        GoKind.Int => GoValues.IntValue(value).ToString(CultureInfo.InvariantCulture),
        GoKind.Float => GoFloat.FormatPrint(JsonKinds.ToDouble(value!)),
        _ => GoJson.Serialize(value),
    };
}
