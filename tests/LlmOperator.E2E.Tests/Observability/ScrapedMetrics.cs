using System.Text.RegularExpressions;

namespace LlmOperator.E2E.Tests.Observability;

/// <summary>Every series name and its label names seen in scrapes of a Prometheus text format endpoint, accumulated.</summary>
internal sealed partial class ScrapedMetrics
{
    private readonly Dictionary<string, HashSet<string>> _labels = new(StringComparer.Ordinal);

    /// <summary>The series names seen so far.</summary>
    public IReadOnlyCollection<string> Names
    {
        get
        {
            lock (_labels)
            {
                return [.. _labels.Keys.Order(StringComparer.Ordinal)];
            }
        }
    }

    /// <summary>The label names seen on <paramref name="metric"/>'s series.</summary>
    public IReadOnlySet<string> LabelsOf(string metric)
    {
        lock (_labels)
        {
            return _labels.TryGetValue(metric, out var labels) ? labels.ToHashSet(StringComparer.Ordinal) : [];
        }
    }

    /// <summary>Adds the series of one scrape.</summary>
    public void Add(string exposition)
    {
        foreach (Match series in Series().Matches(exposition))
        {
            lock (_labels)
            {
                if (!_labels.TryGetValue(series.Groups["name"].Value, out var labels))
                {
                    _labels[series.Groups["name"].Value] = labels = new HashSet<string>(StringComparer.Ordinal);
                }

                labels.UnionWith(series.Groups["label"].Captures.Select(c => c.Value));
            }
        }
    }

    [GeneratedRegex("""^(?<name>[a-zA-Z_:][a-zA-Z0-9_:]*)(\{((?<label>[a-zA-Z_][a-zA-Z0-9_]*)="(?:[^"\\]|\\.)*",?)*\})?\s""", RegexOptions.Multiline)]
    private static partial Regex Series();
}
