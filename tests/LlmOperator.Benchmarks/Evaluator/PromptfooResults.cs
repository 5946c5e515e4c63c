using System.Text.Json.Nodes;

namespace LlmOperator.Benchmarks.Evaluator;

/// <summary>The per-test verdicts of a promptfoo results file (-o out.json), by test description.</summary>
internal static class PromptfooResults
{
    public static IReadOnlyDictionary<string, bool> Read(string path)
    {
        var root = JsonNode.Parse(File.ReadAllText(path))!;
        var results = root["results"]?["results"] as JsonArray ?? throw new FormatException($"{path} has no results.results");
        return results
            .Select(r => (
                Id: r?["testCase"]?["description"]?.GetValue<string>() ?? r?["description"]?.GetValue<string>(),
                Success: r?["success"]?.GetValue<bool>() == true))
            .Where(r => r.Id is not null)
            .GroupBy(r => r.Id!, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.First().Success, StringComparer.Ordinal);
    }
}
