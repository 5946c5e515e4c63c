using LlmOperator.Testing;

namespace LlmOperator.E2E.Tests.Observability;

/// <summary>Every series name and its label names seen in scrapes of a Prometheus text format endpoint, accumulated.</summary>
internal sealed class ScrapedMetrics
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
        foreach (var series in PrometheusSample.Parse(exposition))
        {
            lock (_labels)
            {
                if (!_labels.TryGetValue(series.Name, out var labels))
                {
                    _labels[series.Name] = labels = new HashSet<string>(StringComparer.Ordinal);
                }

                labels.UnionWith(series.Labels.Keys);
            }
        }
    }
}
