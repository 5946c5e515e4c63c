using System.Text;
using System.Text.Json.Nodes;
using LlmOperator.Api.Json;

namespace LlmOperator.Sandbox.Tables.JsonPaths;

/// <summary>
/// JSON as Go's <c>json.Marshal</c> writes an unstructured value, which is what a printer column shows
/// for an object or array: compact, keys sorted, <c>&lt;</c> <c>&gt;</c> <c>&amp;</c> escaped.
/// </summary>
internal static class GoJson
{
    private const string Hex = "0123456789abcdef";

    /// <summary>The JSON text of a value.</summary>
    public static string Serialize(JsonNode? node)
    {
        var text = new StringBuilder();
        Write(text, node);
        return text.ToString();
    }

    private static void Write(StringBuilder text, JsonNode? node)
    {
        switch (GoValues.KindOf(node))
        {
            case GoKind.Nil:
                text.Append("null");
                break;
            case GoKind.Bool:
                text.Append(node!.GetValue<bool>() ? "true" : "false");
                break;
            case GoKind.Int:
                text.Append(GoValues.IntValue(node));
                break;
            case GoKind.Float:
                text.Append(GoFloat.FormatJson(JsonKinds.ToDouble(node!)));
                break;
            case GoKind.String:
                WriteString(text, node!.GetValue<string>());
                break;
            case GoKind.Slice:
                text.Append('[');
                var first = true;
                foreach (var item in node!.AsArray())
                {
                    text.Append(first ? "" : ",");
                    first = false;
                    Write(text, item);
                }

                text.Append(']');
                break;
            default:
                text.Append('{');
                var separator = "";
                foreach (var (key, value) in node!.AsObject().OrderBy(p => p.Key, StringComparer.Ordinal))
                {
                    text.Append(separator);
                    separator = ",";
                    WriteString(text, key);
                    text.Append(':');
                    Write(text, value);
                }

                text.Append('}');
                break;
        }
    }

    private static void WriteString(StringBuilder text, string value)
    {
        text.Append('"');
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            switch (c)
            {
                case '"' or '\\':
                    text.Append('\\').Append(c);
                    break;
                case '\b': text.Append("\\b"); break;
                case '\f': text.Append("\\f"); break;
                case '\n': text.Append("\\n"); break;
                case '\r': text.Append("\\r"); break;
                case '\t': text.Append("\\t"); break;
                case < ' ' or '<' or '>' or '&' or '\u2028' or '\u2029':
                    text.Append("\\u").Append(Hex[c >> 12]).Append(Hex[(c >> 8) & 0xF]).Append(Hex[(c >> 4) & 0xF]).Append(Hex[c & 0xF]);
                    break;
                case >= '\uD800' and <= '\uDFFF' when !IsPairedSurrogate(value, i):
                    // Go replaces invalid UTF-8, which is what a lone surrogate becomes.
                    text.Append("\\ufffd");
                    break;
                default:
                    text.Append(c);
                    break;
            }
        }

        text.Append('"');
    }

    private static bool IsPairedSurrogate(string value, int i) =>
        char.IsHighSurrogate(value[i])
            ? i + 1 < value.Length && char.IsLowSurrogate(value[i + 1])
            : i > 0 && char.IsHighSurrogate(value[i - 1]);
}
