using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using LlmOperator.Api.Json;

namespace LlmOperator.Testing.ArgoCd;

/// <summary>
/// Writes a JSON value as a Lua table constructor, the way Argo CD hands an object to its scripts:
/// objects become tables with string keys, arrays tables indexed from 1, null fields are absent,
/// integers stay integers (so that "generation " .. 3 reads "generation 3", as in gopher-lua).
/// </summary>
public static class LuaLiteral
{
    /// <summary>The Lua expression for a JSON value.</summary>
    public static string Of(JsonNode? node)
    {
        var text = new StringBuilder();
        Write(node, text);
        return text.ToString();
    }

    private static void Write(JsonNode? node, StringBuilder text)
    {
        switch (node)
        {
            case null:
                text.Append("nil");
                break;
            case JsonObject obj:
                text.Append('{');
                foreach (var (key, value) in obj.Where(p => p.Value is not null))
                {
                    text.Append('[').Append(Quote(key)).Append("]=");
                    Write(value, text);
                    text.Append(',');
                }

                text.Append('}');
                break;
            case JsonArray array:
                text.Append('{');
                for (var i = 0; i < array.Count; i++)
                {
                    text.Append('[').Append(i + 1).Append("]=");
                    Write(array[i], text);
                    text.Append(',');
                }

                text.Append('}');
                break;
            case JsonValue value when value.GetValueKind() is JsonValueKind.True or JsonValueKind.False:
                text.Append(value.GetValue<bool>() ? "true" : "false");
                break;
            case JsonValue value when value.GetValueKind() == JsonValueKind.String:
                text.Append(Quote(value.GetValue<string>()));
                break;
            case JsonValue value when JsonKinds.TryGetInteger(value, out var integer):
                text.Append(integer.ToString(CultureInfo.InvariantCulture));
                break;
            case JsonValue value:
                var number = value.GetValue<double>().ToString("R", CultureInfo.InvariantCulture);
                text.Append(number.Contains('.', StringComparison.Ordinal) || number.Contains('E', StringComparison.Ordinal) ? number : number + ".0");
                break;
        }
    }

    /// <summary>A Lua string literal: printable ASCII as is, every other byte of the UTF-8 form as a decimal escape.</summary>
    public static string Quote(string value)
    {
        var text = new StringBuilder("\"");
        foreach (var b in Encoding.UTF8.GetBytes(value))
        {
            if (b is >= 0x20 and < 0x7f && b != '"' && b != '\\')
            {
                text.Append((char)b);
            }
            else
            {
                text.Append('\\').Append(b.ToString("000", CultureInfo.InvariantCulture));
            }
        }

        return text.Append('"').ToString();
    }
}
