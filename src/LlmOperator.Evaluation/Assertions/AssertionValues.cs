using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using LlmOperator.Api.Json;

namespace LlmOperator.Evaluation.Assertions;

/// <summary>Reading assertion values the way promptfoo does: scalars as their text, lists from arrays or comma-separated strings.</summary>
internal static class AssertionValues
{
    /// <summary>A string or number as text (JavaScript's String(value)); null for anything else.</summary>
    public static string? Scalar(JsonNode? value) => value switch
    {
        JsonValue when JsonKinds.IsString(value) => value.GetValue<string>(),
        JsonValue when JsonKinds.IsNumber(value) => value.ToJsonString(),
        _ => null,
    };

    /// <summary>A non-empty string or number as text, or a configuration error.</summary>
    public static string RequireText(AssertionSpec spec)
    {
        var text = Scalar(spec.Value);
        return string.IsNullOrEmpty(text)
            ? throw new AssertionConfigurationException($"{spec.Where}: \"{spec.TypeName}\" needs a string or number value{Given(spec.Value)}")
            : text;
    }

    /// <summary>The values of a list assertion: an array of scalars, or a comma-separated string with "quoted, fields".</summary>
    public static IReadOnlyList<string> RequireList(AssertionSpec spec)
    {
        IReadOnlyList<string> values = spec.Value switch
        {
            JsonArray array => [.. array.Select(item => Scalar(item) ?? throw new AssertionConfigurationException(
                $"{spec.Where}: \"{spec.TypeName}\" needs a list of strings or numbers; it holds {JsonKinds.TypeName(item)}"))],
            JsonValue when Scalar(spec.Value) is { } text => SplitCommaSeparated(text, spec),
            _ => throw new AssertionConfigurationException($"{spec.Where}: \"{spec.TypeName}\" needs a list of values{Given(spec.Value)}"),
        };
        return values.Count > 0 ? values : throw new AssertionConfigurationException($"{spec.Where}: \"{spec.TypeName}\" needs at least one value");
    }

    /// <summary>Splits "a, b, \"c, d\"" into a, b and "c, d": commas separate, quotes keep commas, "" and \" are quotes.</summary>
    public static IReadOnlyList<string> SplitCommaSeparated(string text, AssertionSpec spec)
    {
        var fields = new List<string>();
        var i = 0;
        while (true)
        {
            while (i < text.Length && (text[i] == ',' || char.IsWhiteSpace(text[i])))
            {
                i++;
            }

            if (i >= text.Length)
            {
                return fields;
            }

            if (text[i] != '"')
            {
                var end = text.IndexOf(',', i);
                end = end < 0 ? text.Length : end;
                fields.Add(text[i..end].Trim());
                i = end;
                continue;
            }

            var field = new StringBuilder();
            var closed = false;
            for (i++; i < text.Length; i++)
            {
                if (text[i] == '\\' && i + 1 < text.Length && text[i + 1] is '"' or '\\')
                {
                    field.Append(text[++i]);
                }
                else if (text[i] == '"' && i + 1 < text.Length && text[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else if (text[i] == '"')
                {
                    closed = true;
                    i++;
                    break;
                }
                else
                {
                    field.Append(text[i]);
                }
            }

            if (!closed)
            {
                throw new AssertionConfigurationException($"{spec.Where}: \"{spec.TypeName}\" value has an unterminated quoted field");
            }

            while (i < text.Length && char.IsWhiteSpace(text[i]))
            {
                i++;
            }

            if (i < text.Length && text[i] != ',')
            {
                throw new AssertionConfigurationException($"{spec.Where}: \"{spec.TypeName}\" value needs a comma after a quoted field");
            }

            fields.Add(field.ToString());
        }
    }

    /// <summary>Every top-level JSON object written inside a text (in prose or a code fence), in order.</summary>
    public static IReadOnlyList<JsonNode> ExtractJsonObjects(string text)
    {
        var found = new List<JsonNode>();
        var start = text.IndexOf('{', StringComparison.Ordinal);
        while (start >= 0)
        {
            var end = MatchingBrace(text, start);
            if (end > 0 && TryParse(text.AsSpan(start, end - start + 1), out var node) && node is not null)
            {
                found.Add(node);
                start = text.IndexOf('{', end + 1);
            }
            else
            {
                start = text.IndexOf('{', start + 1);
            }
        }

        return found;
    }

    /// <summary>Parses JSON text the way JSON.parse does; false when it is not JSON. The text "null" gives true and a null node.</summary>
    public static bool TryParse(ReadOnlySpan<char> text, out JsonNode? node)
    {
        try
        {
            node = JsonNode.Parse(text.ToString(), documentOptions: new JsonDocumentOptions { MaxDepth = 256 });
            return true;
        }
        catch (JsonException)
        {
            node = null;
            return false;
        }
    }

    private static int MatchingBrace(string text, int start)
    {
        var depth = 0;
        var inString = false;
        for (var i = start; i < text.Length; i++)
        {
            var c = text[i];
            if (inString)
            {
                if (c == '\\')
                {
                    i++;
                }
                else if (c == '"')
                {
                    inString = false;
                }
            }
            else if (c == '"')
            {
                inString = true;
            }
            else if (c == '{')
            {
                depth++;
            }
            else if (c == '}' && --depth == 0)
            {
                return i;
            }
        }

        return -1;
    }

    private static string Given(JsonNode? value) => value is null ? "; it has none" : $"; it has {JsonKinds.TypeName(value)}";
}
