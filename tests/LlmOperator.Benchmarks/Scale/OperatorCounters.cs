using System.Globalization;
using LlmOperator.Testing;

namespace LlmOperator.Benchmarks.Scale;

/// <summary>
/// The operator's request and reconcile counters read from its Prometheus /metrics:
/// llmop_api_requests_total by "verb resource" and llmop_reconcile_results_total by controller; and how many
/// ModelDeployments llmop_rollout_phase reports in each phase, which must be all of them at any scale.
/// </summary>
internal sealed record OperatorCounters(
    IReadOnlyDictionary<string, long> Requests, IReadOnlyDictionary<string, long> Reconciles, IReadOnlyDictionary<string, long> Phases)
{
    private static readonly HashSet<string> WriteVerbs = new(StringComparer.Ordinal) { "create", "update", "patch", "delete", "deletecollection" };

    public static OperatorCounters Parse(string exposition)
    {
        var requests = new Dictionary<string, long>(StringComparer.Ordinal);
        var reconciles = new Dictionary<string, long>(StringComparer.Ordinal);
        var samples = PrometheusSample.Parse(exposition);
        foreach (var sample in samples.Where(s => s.Name is "llmop_api_requests_total" or "llmop_reconcile_results_total"))
        {
            var value = (long)double.Parse(sample.Value, CultureInfo.InvariantCulture);
            var (into, key) = sample.Name == "llmop_api_requests_total"
                ? (requests, $"{sample.Labels.GetValueOrDefault("verb")} {sample.Labels.GetValueOrDefault("resource")}")
                : (reconciles, sample.Labels.GetValueOrDefault("controller") ?? "");
            into[key] = into.GetValueOrDefault(key) + value;
        }

        var phases = samples.Where(s => s.Name == "llmop_rollout_phase" && s.Value == "1")
            .GroupBy(s => s.Labels.GetValueOrDefault("phase") ?? "", StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => (long)g.Count(), StringComparer.Ordinal);
        return new OperatorCounters(requests, reconciles, phases);
    }

    /// <summary>What was counted since <paramref name="earlier"/>, with the phases as they are now.</summary>
    public OperatorCounters Since(OperatorCounters earlier) => new(Minus(Requests, earlier.Requests), Minus(Reconciles, earlier.Reconciles), Phases);

    /// <summary>Every request counted.</summary>
    public long TotalRequests => Requests.Values.Sum();

    /// <summary>The writes among the requests (create, update, patch, delete), leaving out Lease renewals: the election's own heartbeat.</summary>
    public IReadOnlyDictionary<string, long> Writes => Requests
        .Where(p => WriteVerbs.Contains(p.Key.Split(' ')[0]) && p.Key.Split(' ')[1] != "leases")
        .ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);

    /// <summary>Every reconcile counted.</summary>
    public long TotalReconciles => Reconciles.Values.Sum();

    private static Dictionary<string, long> Minus(IReadOnlyDictionary<string, long> now, IReadOnlyDictionary<string, long> before) =>
        now.Select(p => (p.Key, Value: p.Value - before.GetValueOrDefault(p.Key)))
            .Where(p => p.Value != 0)
            .ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);
}
