using System.Text.RegularExpressions;

namespace LlmOperator.Testing;

/// <summary>
/// One sample of a Prometheus text exposition: its metric name, its labels with their values unescaped, and its value as
/// written. Comments (HELP, TYPE) and timestamps are left out.
/// </summary>
public sealed partial record PrometheusSample(string Name, IReadOnlyDictionary<string, string> Labels, string Value)
{
    /// <summary>The samples of <paramref name="exposition"/>, in order.</summary>
    public static IReadOnlyList<PrometheusSample> Parse(string exposition)
    {
        ArgumentNullException.ThrowIfNull(exposition);
        return
        [
            .. Line().Matches(exposition).Select(line => new PrometheusSample(
                line.Groups["name"].Value,
                Label().Matches(line.Groups["labels"].Value).ToDictionary(
                    l => l.Groups["label"].Value, l => Unescape(l.Groups["value"].Value), StringComparer.Ordinal),
                line.Groups["value"].Value)),
        ];
    }

    /// <summary>The samples of <paramref name="exposition"/> named <paramref name="name"/>.</summary>
    public static IReadOnlyList<PrometheusSample> Parse(string exposition, string name) => [.. Parse(exposition).Where(s => s.Name == name)];

    private static string Unescape(string value) => Escape().Replace(value, e => e.Value[1] == 'n' ? "\n" : e.Value[1..]);

    [GeneratedRegex("""^(?<name>[a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(?<labels>(?:[^"}]|"(?:[^"\\]|\\.)*")*)\})? (?<value>\S+)""", RegexOptions.Multiline)]
    private static partial Regex Line();

    [GeneratedRegex(@"(?<label>[a-zA-Z_][a-zA-Z0-9_]*)=""(?<value>(?:[^""\\]|\\.)*)""")]
    private static partial Regex Label();

    [GeneratedRegex(@"\\.")]
    private static partial Regex Escape();
}
