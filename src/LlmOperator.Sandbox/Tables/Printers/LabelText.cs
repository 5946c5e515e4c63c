using System.Text.Json.Nodes;

namespace LlmOperator.Sandbox.Tables.Printers;

/// <summary>
/// Labels and label selectors as apimachinery prints them: <c>labels.FormatLabels</c>,
/// <c>LabelSelectorAsSelector(...).String()</c> and <c>metav1.FormatLabelSelector</c>.
/// </summary>
internal static class LabelText
{
    /// <summary>A label map as <c>a=1,b=2</c>, sorted; <c>&lt;none&gt;</c> when empty.</summary>
    public static string FormatLabels(JsonNode? labels)
    {
        var pairs = labels is JsonObject map ? map.Select(p => $"{p.Key}={p.Value.Text()}").Order(StringComparer.Ordinal).ToList() : [];
        return pairs.Count == 0 ? "<none>" : string.Join(',', pairs);
    }

    /// <summary>
    /// A label selector as a selector string (<c>app=web,tier in (a,b)</c>, requirements sorted by key),
    /// "" for none or an empty selector, null when it cannot be converted (an unknown operator).
    /// </summary>
    public static string? SelectorString(JsonNode? selector)
    {
        if (selector is not JsonObject)
        {
            return "";
        }

        var requirements = new List<(string Key, string Text)>();
        if (selector.At("matchLabels") is JsonObject matchLabels)
        {
            requirements.AddRange(matchLabels.Select(p => (p.Key, $"{p.Key}={p.Value.Text()}")));
        }

        foreach (var expression in selector.Items("matchExpressions"))
        {
            var key = expression.Text("key");
            var values = expression.Items("values").Select(v => v.Text()).ToList();
            var text = expression.Text("operator") switch
            {
                "In" when values.Count > 0 => $"{key} in ({ValueList(values)})",
                "NotIn" when values.Count > 0 => $"{key} notin ({ValueList(values)})",
                "Exists" when values.Count == 0 => key,
                "DoesNotExist" when values.Count == 0 => "!" + key,
                _ => null,
            };
            if (text is null)
            {
                return null;
            }

            requirements.Add((key, text));
        }

        return string.Join(',', requirements.OrderBy(r => r.Key, StringComparer.Ordinal).Select(r => r.Text));
    }

    /// <summary>A label selector for a column: the selector string, <c>&lt;none&gt;</c> when empty, <c>&lt;error&gt;</c> when invalid.</summary>
    public static string FormatLabelSelector(JsonNode? selector) => SelectorString(selector) switch
    {
        null => "<error>",
        "" => "<none>",
        var text => text,
    };

    private static string ValueList(List<string> values) => values.Count == 1 ? values[0] : string.Join(',', values.Order(StringComparer.Ordinal));
}
