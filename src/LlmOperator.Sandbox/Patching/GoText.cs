using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using LlmOperator.Api.Json;

namespace LlmOperator.Sandbox.Patching;

/// <summary>
/// Values written the way Go's fmt and encoding/json write them, so that error messages read like the real
/// API server's (<c>map: map[image:nginx] does not contain declared merge key: name</c>).
/// </summary>
internal static class GoText
{
    /// <summary>A value as Go's <c>%v</c> prints the map[string]interface{} form of it: keys sorted, strings bare.</summary>
    public static string Format(JsonNode? node)
    {
        var text = new StringBuilder();
        Append(text, node);
        return text.ToString();
    }

    /// <summary>The JSON type name encoding/json uses in "cannot unmarshal X into Go value" errors.</summary>
    public static string JsonTypeName(JsonNode? node) => node switch
    {
        JsonObject => "object",
        JsonArray => "array",
        _ when JsonKinds.IsString(node) => "string",
        _ when JsonKinds.IsNumber(node) => "number",
        null => "null",
        _ => "bool",
    };

    /// <summary>The refusal of a body that is not of the Go type the API server decodes it into.</summary>
    public static string CannotUnmarshal(JsonNode? node, string goType) => $"json: cannot unmarshal {JsonTypeName(node)} into Go value of type {goType}";

    private static void Append(StringBuilder text, JsonNode? node)
    {
        switch (node)
        {
            case null:
                text.Append("<nil>");
                break;
            case JsonObject obj:
                text.Append("map[");
                var first = true;
                foreach (var (key, value) in obj.OrderBy(p => p.Key, StringComparer.Ordinal))
                {
                    text.Append(first ? "" : " ").Append(key).Append(':');
                    Append(text, value);
                    first = false;
                }

                text.Append(']');
                break;
            case JsonArray array:
                text.Append('[');
                for (var i = 0; i < array.Count; i++)
                {
                    text.Append(i == 0 ? "" : " ");
                    Append(text, array[i]);
                }

                text.Append(']');
                break;
            case var _ when JsonKinds.IsString(node):
                text.Append(node.GetValue<string>());
                break;
            case var _ when JsonKinds.IsNumber(node):
                text.Append(JsonKinds.TryGetInteger(node, out var integer)
                    ? integer.ToString(CultureInfo.InvariantCulture)
                    : JsonKinds.ToDouble(node).ToString("R", CultureInfo.InvariantCulture));
                break;
            default:
                text.Append(node.ToJsonString());
                break;
        }
    }
}
