using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using LlmOperator.Api.Json;
using LlmOperator.Evaluation.Assertions;
using LlmOperator.Evaluation.Running;

namespace LlmOperator.Evaluation.Reports;

/// <summary>
/// An endpoint's per-case outcomes alone, as <c>{"cases": [{"id", "outcome", "score", "metrics"}]}</c>:
/// what a later run is paired with when it compares with a release instead of calling a baseline
/// (McNemar on the outcomes, the bootstrap on the scores and metrics). No answers are kept, so it stays
/// small enough to keep whole.
/// </summary>
public static class CaseOutcomes
{
    /// <summary>The largest outcomes kept, in UTF-8 bytes: beside the results, within a ConfigMap's 1 MiB.</summary>
    public const int MaxBytes = 400 * 1024;

    /// <summary>The outcomes of <paramref name="results"/> as compact JSON, or null when they would be larger than <see cref="MaxBytes"/>.</summary>
    public static string? Write(EndpointResults results)
    {
        ArgumentNullException.ThrowIfNull(results);
        var cases = new JsonArray();
        foreach (var result in results.Cases)
        {
            var node = new JsonObject { ["id"] = result.Id, ["outcome"] = result.Outcome.ToString() };
            if (result.Score is { } score)
            {
                node["score"] = Math.Round(score, 6);
            }

            if (result.Metrics.Count > 0)
            {
                node["metrics"] = new JsonObject([.. result.Metrics.Select(m => KeyValuePair.Create(m.Key, (JsonNode?)Math.Round(m.Value, 6)))]);
            }

            cases.Add(node);
        }

        var json = new JsonObject { ["cases"] = cases }.ToJsonString();
        return Encoding.UTF8.GetByteCount(json) <= MaxBytes ? json : null;
    }

    /// <summary>
    /// Reads outcomes written by <see cref="Write"/> as the results of <paramref name="role"/>; throws
    /// <see cref="FormatException"/> when they are not.
    /// </summary>
    public static EndpointResults Read(string json, string role, string model)
    {
        ArgumentNullException.ThrowIfNull(json);
        try
        {
            var cases = (JsonNode.Parse(json)?["cases"] as JsonArray ?? throw new FormatException("there is no \"cases\" array"))
                .Select((node, i) => Case(node as JsonObject ?? throw new FormatException($"cases[{i}] is not an object"), i))
                .ToList();
            return new EndpointResults(role, "", model, cases);
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            throw new FormatException($"not per-case outcomes: {e.Message}", e);
        }
    }

    private static CaseResult Case(JsonObject node, int index)
    {
        var id = JsonKinds.IsString(node["id"]) ? node["id"]!.GetValue<string>() : throw new FormatException($"cases[{index}] has no id");
        var outcome = Enum.TryParse<CaseOutcome>(node["outcome"]?.GetValue<string>(), out var parsed)
            ? parsed
            : throw new FormatException($"cases[{index}] ({id}) has no outcome Passed, Failed or Error");
        var metrics = (node["metrics"] as JsonObject ?? [])
            .ToDictionary(m => m.Key, m => m.Value!.GetValue<double>(), StringComparer.Ordinal);
        var score = node["score"]?.GetValue<double>() ?? (outcome == CaseOutcome.Passed ? 1 : 0);
        var attempt = outcome == CaseOutcome.Error
            ? AttemptResult.Failure(1, "it ended in an error in the run kept")
            : new AttemptResult(
                1, null, new CaseScore(outcome == CaseOutcome.Passed, score, metrics, Failure(outcome)), [], null, null, null, null, null, 0, null);
        return new CaseResult(id, critical: false, tags: [], [attempt]);
    }

    private static string? Failure(CaseOutcome outcome) => outcome == CaseOutcome.Failed ? "it failed in the run kept" : null;
}
