using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using LlmOperator.Evaluation.Running;

namespace LlmOperator.Evaluation.Reports;

/// <summary>
/// The JSON results of a run: the verdict with every check, the summaries and comparison, and per case
/// and repeat the input, the answer, latency, tokens, cost and each assertion's result.
/// </summary>
public static class JsonReport
{
    /// <summary>How the report serialises: camelCase, enums as names, nulls left out.</summary>
    public static JsonSerializerOptions SerializerOptions { get; } = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new JsonStringEnumConverter() },
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    private static readonly JsonSerializerOptions IndentedOptions = new(SerializerOptions) { WriteIndented = true };

    /// <summary>The report as JSON.</summary>
    /// <param name="report">The run.</param>
    /// <param name="maxOutputLength">Answers longer than this are cut, or null to keep them whole.</param>
    /// <param name="caseFilter">Which cases to detail, or null for all.</param>
    /// <param name="truncated">A plain statement of what was left out, or null when nothing was.</param>
    public static JsonObject Build(EvaluationReport report, int? maxOutputLength = null, Func<CaseResult, bool>? caseFilter = null, string? truncated = null)
    {
        ArgumentNullException.ThrowIfNull(report);
        var verdict = report.Verdict;
        var root = new JsonObject
        {
            ["run"] = report.RunName,
            ["gate"] = report.GateName,
            ["datasetSha256"] = report.DatasetSha256,
            ["startedAt"] = report.StartedAt,
            ["completedAt"] = report.CompletedAt,
            ["durationSeconds"] = Math.Round(report.Duration.TotalSeconds, 3),
            ["dryRun"] = report.DryRun,
            ["verdict"] = new JsonObject
            {
                ["phase"] = verdict.Phase.ToString(),
                ["reason"] = verdict.Reason,
                ["checks"] = JsonSerializer.SerializeToNode(verdict.Checks, SerializerOptions),
            },
            ["summary"] = JsonSerializer.SerializeToNode(verdict.Summary, SerializerOptions),
        };
        if (verdict.BaselineSummary is { } baselineSummary)
        {
            root["baselineSummary"] = JsonSerializer.SerializeToNode(baselineSummary, SerializerOptions);
        }

        if (verdict.Comparison is { } comparison)
        {
            root["comparison"] = JsonSerializer.SerializeToNode(comparison, SerializerOptions);
        }

        if (truncated is not null)
        {
            root["truncated"] = truncated;
        }

        root["endpoints"] = new JsonArray([.. report.Endpoints.Select(e => (JsonNode)Endpoint(e, maxOutputLength, caseFilter))]);
        return root;
    }

    /// <summary>Writes the full report to a stream, indented.</summary>
    public static async Task WriteAsync(EvaluationReport report, Stream stream, CancellationToken cancellationToken)
    {
        await JsonSerializer.SerializeAsync(stream, Build(report), IndentedOptions, cancellationToken).ConfigureAwait(false);
    }

    private static JsonObject Endpoint(EndpointResults results, int? maxOutputLength, Func<CaseResult, bool>? caseFilter) => new()
    {
        ["role"] = results.Role,
        ["url"] = results.Url,
        ["model"] = results.Model,
        ["cases"] = new JsonArray([.. results.Cases.Where(c => caseFilter?.Invoke(c) ?? true).Select(c => (JsonNode)Case(c, maxOutputLength))]),
    };

    private static JsonObject Case(CaseResult result, int? maxOutputLength)
    {
        var node = new JsonObject
        {
            ["id"] = result.Id,
            ["input"] = Cut(result.Input, maxOutputLength),
            ["outcome"] = result.Outcome.ToString(),
            ["passRate"] = result.PassRate,
            ["score"] = result.Score,
            ["problem"] = result.Problem,
        };
        if (result.Critical)
        {
            node["critical"] = true;
        }

        if (result.Metrics.Count > 0)
        {
            node["metrics"] = JsonSerializer.SerializeToNode(result.Metrics, SerializerOptions);
        }

        if (result.Tags.Count > 0)
        {
            node["tags"] = new JsonArray([.. result.Tags.Select(t => (JsonNode)t)]);
        }

        node["repeats"] = new JsonArray([.. result.Attempts.Select(a => (JsonNode)Attempt(a, maxOutputLength))]);
        RemoveNulls(node);
        return node;
    }

    private static JsonObject Attempt(AttemptResult attempt, int? maxOutputLength)
    {
        var node = new JsonObject
        {
            ["repeat"] = attempt.Repeat,
            ["pass"] = attempt.Error is null ? attempt.Passed : null,
            ["score"] = attempt.Score?.Score,
            ["error"] = attempt.Error,
            ["output"] = Cut(attempt.Output, maxOutputLength),
            ["latencyMs"] = attempt.LatencyMs is { } l ? Math.Round(l, 1) : null,
            ["timeToFirstTokenMs"] = attempt.TimeToFirstTokenMs is { } t ? Math.Round(t, 1) : null,
            ["promptTokens"] = attempt.PromptTokens,
            ["completionTokens"] = attempt.CompletionTokens,
            ["cost"] = attempt.Cost,
            ["requests"] = attempt.Requests,
            ["assertions"] = attempt.Assertions.Count == 0 ? null : JsonSerializer.SerializeToNode(attempt.Assertions, SerializerOptions),
        };
        RemoveNulls(node);
        return node;
    }

    private static string? Cut(string? text, int? max) =>
        text is null || max is not { } limit || text.Length <= limit ? text : text[..limit] + $"… [{text.Length - limit} more characters]";

    private static void RemoveNulls(JsonObject node)
    {
        foreach (var key in node.Where(p => p.Value is null).Select(p => p.Key).ToList())
        {
            node.Remove(key);
        }
    }
}
