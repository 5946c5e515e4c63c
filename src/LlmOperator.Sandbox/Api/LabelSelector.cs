using System.Text.RegularExpressions;

namespace LlmOperator.Sandbox.Api;

/// <summary>
/// A label selector in the API's query syntax: <c>a=b</c>, <c>a==b</c>, <c>a!=b</c>,
/// <c>a in (x,y)</c>, <c>a notin (x)</c>, <c>a</c>, <c>!a</c>, joined by commas.
/// </summary>
internal sealed partial class LabelSelector
{
    private readonly IReadOnlyList<Func<IReadOnlyDictionary<string, string>, bool>> _requirements;

    private LabelSelector(IReadOnlyList<Func<IReadOnlyDictionary<string, string>, bool>> requirements) => _requirements = requirements;

    /// <summary>The selector that matches everything.</summary>
    public static LabelSelector Everything { get; } = new([]);

    /// <summary>Whether a set of labels satisfies every requirement.</summary>
    public bool Matches(IReadOnlyDictionary<string, string> labels) => _requirements.All(r => r(labels));

    /// <summary>Parses a selector; throws a 400 for one that does not parse.</summary>
    public static LabelSelector Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return Everything;
        }

        var requirements = new List<Func<IReadOnlyDictionary<string, string>, bool>>();
        foreach (var part in SplitTopLevel(text))
        {
            var term = part.Trim();
            Match match;
            if ((match = SetRequirement().Match(term)).Success)
            {
                var key = match.Groups["key"].Value;
                var values = match.Groups["values"].Value
                    .Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
                    .ToHashSet(StringComparer.Ordinal);
                var negate = match.Groups["op"].Value == "notin";
                requirements.Add(labels => labels.TryGetValue(key, out var v) ? values.Contains(v) != negate : negate);
            }
            else if ((match = EqualityRequirement().Match(term)).Success)
            {
                var key = match.Groups["key"].Value;
                var value = match.Groups["value"].Value;
                var negate = match.Groups["op"].Value == "!=";
                requirements.Add(labels => labels.TryGetValue(key, out var v) ? (v == value) != negate : negate);
            }
            else if ((match = ExistsRequirement().Match(term)).Success)
            {
                var key = match.Groups["key"].Value;
                var negate = match.Groups["not"].Success;
                requirements.Add(labels => labels.ContainsKey(key) != negate);
            }
            else
            {
                throw Statuses.BadRequest($"unable to parse requirement: found '{term}', expected: in, notin, =, ==, !=, gt, lt");
            }
        }

        return new LabelSelector(requirements);
    }

    // Commas separate requirements except inside the parentheses of a set.
    private static IEnumerable<string> SplitTopLevel(string text)
    {
        var depth = 0;
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            depth += text[i] switch { '(' => 1, ')' => -1, _ => 0 };
            if (text[i] == ',' && depth == 0)
            {
                yield return text[start..i];
                start = i + 1;
            }
        }

        yield return text[start..];
    }

    [GeneratedRegex(@"^(?<key>[A-Za-z0-9./_-]+)\s+(?<op>in|notin)\s+\((?<values>[^)]*)\)$")]
    private static partial Regex SetRequirement();

    [GeneratedRegex(@"^(?<key>[A-Za-z0-9./_-]+)\s*(?<op>==|=|!=)\s*(?<value>[A-Za-z0-9._-]*)$")]
    private static partial Regex EqualityRequirement();

    [GeneratedRegex(@"^(?<not>!)?\s*(?<key>[A-Za-z0-9./_-]+)$")]
    private static partial Regex ExistsRequirement();
}
