namespace LlmOperator.Evaluation.Live.Prometheus;

/// <summary>One series of a query's result: its labels and its values (one for an instant query).</summary>
/// <param name="Labels">The series' labels; empty for a scalar or an aggregate over everything.</param>
/// <param name="Samples">Its values, oldest first.</param>
public sealed record PrometheusSeries(IReadOnlyDictionary<string, string> Labels, IReadOnlyList<PrometheusSample> Samples)
{
    /// <summary>The labels as PromQL writes them, for messages: {pod="a",le="0.5"}.</summary>
    public override string ToString() => "{" + string.Join(",", Labels.OrderBy(l => l.Key, StringComparer.Ordinal).Select(l => $"{l.Key}=\"{l.Value}\"")) + "}";
}
