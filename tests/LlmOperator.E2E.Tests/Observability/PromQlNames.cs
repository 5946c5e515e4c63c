using System.Text.RegularExpressions;

namespace LlmOperator.E2E.Tests.Observability;

/// <summary>
/// The metric and label names a PromQL expression (or a Grafana label_values query) refers to, read well enough
/// for the expressions of a dashboard: strings, ranges and Grafana variables are left out, and a name followed by
/// a parenthesis is a function.
/// </summary>
internal static partial class PromQlNames
{
    private static readonly HashSet<string> Keywords = new(StringComparer.Ordinal)
    {
        "and", "or", "unless", "bool", "offset", "by", "without", "on", "ignoring", "group_left", "group_right",
    };

    /// <summary>The metrics <paramref name="expression"/> selects.</summary>
    public static IReadOnlySet<string> Metrics(string expression)
    {
        if (LabelValues().Match(expression) is { Success: true } grafana)
        {
            return new HashSet<string>([grafana.Groups["metric"].Value], StringComparer.Ordinal);
        }

        var bare = Groupings().Replace(Ranges().Replace(Matchers().Replace(Strings().Replace(expression, "\"\""), " "), " "), " ");
        return Identifiers().Matches(bare)
            .Where(m => !m.Groups["call"].Success && !Keywords.Contains(m.Groups["name"].Value) && (m.Index == 0 || bare[m.Index - 1] != '$'))
            .Select(m => m.Groups["name"].Value)
            .ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>The labels <paramref name="expression"/> matches or aggregates by.</summary>
    public static IReadOnlySet<string> Labels(string expression)
    {
        if (LabelValues().Match(expression) is { Success: true } grafana)
        {
            return new HashSet<string>([grafana.Groups["label"].Value], StringComparer.Ordinal);
        }

        var unquoted = Strings().Replace(expression, "\"\"");
        var matched = Matchers().Matches(unquoted).SelectMany(m => MatcherLabel().Matches(m.Value).Select(l => l.Groups["label"].Value));
        var grouped = Groupings().Matches(unquoted)
            .SelectMany(m => m.Groups["labels"].Value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries));
        return matched.Concat(grouped).ToHashSet(StringComparer.Ordinal);
    }

    [GeneratedRegex("""^\s*label_values\(\s*(?<metric>[a-zA-Z_:][a-zA-Z0-9_:]*)\s*,\s*(?<label>[a-zA-Z_][a-zA-Z0-9_]*)\s*\)\s*$""")]
    private static partial Regex LabelValues();

    [GeneratedRegex("\"(?:[^\"\\\\]|\\\\.)*\"")]
    private static partial Regex Strings();

    [GeneratedRegex(@"\{[^}]*\}")]
    private static partial Regex Matchers();

    [GeneratedRegex(@"(?<label>[a-zA-Z_][a-zA-Z0-9_]*)\s*(=~|!~|!=|=)")]
    private static partial Regex MatcherLabel();

    [GeneratedRegex(@"\[[^\]]*\]")]
    private static partial Regex Ranges();

    [GeneratedRegex(@"\b(by|without|on|ignoring|group_left|group_right)\s*\((?<labels>[^)]*)\)")]
    private static partial Regex Groupings();

    [GeneratedRegex(@"(?<name>[a-zA-Z_:][a-zA-Z0-9_:]*)(?<call>\s*\()?")]
    private static partial Regex Identifiers();
}
