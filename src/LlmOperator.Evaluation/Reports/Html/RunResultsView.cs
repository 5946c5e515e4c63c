using System.Text.Json;
using System.Text.Json.Nodes;
using LlmOperator.Api.V1Alpha1;
using LlmOperator.Evaluation.Assertions;
using LlmOperator.Evaluation.Verdicts;

namespace LlmOperator.Evaluation.Reports.Html;

/// <summary>
/// What the EvaluationRun page shows, read from the JSON results (<see cref="JsonReport"/>: a results
/// ConfigMap's <c>results.json</c>, or a run just made by <c>llmop eval</c>), or from an EvaluationRun's
/// status alone when its results are not there (yet).
/// </summary>
/// <param name="Run">The run's name.</param>
/// <param name="Gate">The gate's name, if known.</param>
/// <param name="Phase">The verdict's phase.</param>
/// <param name="Reason">The verdict's sentence.</param>
/// <param name="DryRun">Whether the gate only records its verdict.</param>
/// <param name="Truncated">What the results left out to fit, if anything.</param>
/// <param name="Checks">Every check of the verdict.</param>
/// <param name="Summary">The candidate's figures.</param>
/// <param name="BaselineSummary">The baseline's figures, when there was one.</param>
/// <param name="Comparison">The paired comparison with the baseline, when there was one.</param>
/// <param name="Endpoints">The per-case results: candidate first, then baseline; empty from a status alone.</param>
public sealed record RunResultsView(
    string Run,
    string? Gate,
    string Phase,
    string? Reason,
    bool DryRun,
    string? Truncated,
    IReadOnlyList<CheckResult> Checks,
    EvaluationSummary? Summary,
    EvaluationSummary? BaselineSummary,
    ComparisonResult? Comparison,
    IReadOnlyList<EndpointView> Endpoints)
{
    /// <summary>The candidate's results, if any.</summary>
    public EndpointView? Candidate => Endpoints.FirstOrDefault(e => e.Role == "candidate") ?? (Endpoints.Count > 0 ? Endpoints[0] : null);

    /// <summary>The baseline's results, if any.</summary>
    public EndpointView? Baseline => Endpoints.FirstOrDefault(e => e.Role == "baseline");

    /// <summary>
    /// The ids of the cases that fail on the candidate and passed on the baseline: those the comparison
    /// names, and those the per-case results show.
    /// </summary>
    public IReadOnlySet<string> NewFailures()
    {
        var ids = new HashSet<string>(Comparison?.NewFailures ?? [], StringComparer.Ordinal);
        if (Baseline is { } baseline && Candidate is { } candidate)
        {
            var passedBefore = baseline.Cases.Where(c => c.Passed).Select(c => c.Id).ToHashSet(StringComparer.Ordinal);
            ids.UnionWith(candidate.Cases.Where(c => !c.Passed && passedBefore.Contains(c.Id)).Select(c => c.Id));
        }

        return ids;
    }

    /// <summary>Reads a results document; throws <see cref="FormatException"/> when it is not one.</summary>
    public static RunResultsView FromJson(JsonObject results)
    {
        ArgumentNullException.ThrowIfNull(results);
        try
        {
            var options = JsonReport.SerializerOptions;
            var verdict = results["verdict"] as JsonObject;
            return new RunResultsView(
                results["run"]?.GetValue<string>() ?? "",
                results["gate"]?.GetValue<string>(),
                verdict?["phase"]?.GetValue<string>() ?? "Unknown",
                verdict?["reason"]?.GetValue<string>(),
                results["dryRun"]?.GetValue<bool>() ?? false,
                results["truncated"]?.GetValue<string>(),
                verdict?["checks"]?.Deserialize<List<CheckResult>>(options) ?? [],
                results["summary"]?.Deserialize<EvaluationSummary>(options),
                results["baselineSummary"]?.Deserialize<EvaluationSummary>(options),
                results["comparison"]?.Deserialize<ComparisonResult>(options),
                [.. (results["endpoints"] as JsonArray ?? []).OfType<JsonObject>().Select(Endpoint)]);
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            throw new FormatException($"not the JSON results of a run: {e.Message}", e);
        }
    }

    /// <summary>What an EvaluationRun's status says, without per-case results.</summary>
    public static RunResultsView FromStatus(EvaluationRun run)
    {
        ArgumentNullException.ThrowIfNull(run);
        var status = run.Status ?? new EvaluationRunStatus();
        return new RunResultsView(
            run.Metadata.Name,
            null,
            (status.Phase ?? EvaluationPhase.Pending).ToString(),
            status.Verdict,
            false,
            null,
            [],
            status.Summary,
            null,
            status.Comparison,
            []);
    }

    private static EndpointView Endpoint(JsonObject endpoint) => new(
        endpoint["role"]?.GetValue<string>() ?? "candidate",
        endpoint["model"]?.GetValue<string>(),
        endpoint["url"]?.GetValue<string>(),
        [.. (endpoint["cases"] as JsonArray ?? []).OfType<JsonObject>().Select(Case)]);

    private static CaseView Case(JsonObject node)
    {
        var first = (node["repeats"] as JsonArray)?.FirstOrDefault() as JsonObject;
        return new CaseView(
            node["id"]?.GetValue<string>() ?? "",
            node["input"]?.GetValue<string>(),
            node["outcome"]?.GetValue<string>() ?? "Error",
            node["critical"]?.GetValue<bool>() ?? false,
            node["problem"]?.GetValue<string>(),
            first?["output"]?.GetValue<string>() ?? first?["error"]?.GetValue<string>(),
            first?["assertions"]?.Deserialize<List<AssertionOutcome>>(JsonReport.SerializerOptions) ?? []);
    }
}
