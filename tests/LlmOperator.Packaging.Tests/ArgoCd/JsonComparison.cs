using System.Text.Json.Nodes;
using LlmOperator.Api.Json;

namespace LlmOperator.Packaging.Tests.ArgoCd;

/// <summary>JSON in a form two equal objects share: keys sorted, and numbers compared by value (3 and 3.0 alike, as in Argo CD's Lua).</summary>
public static class JsonComparison
{
    /// <summary>A sorted copy with every whole number as an integer.</summary>
    public static JsonNode? Normalize(JsonNode? node) => node switch
    {
        JsonObject obj => new JsonObject(obj.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => KeyValuePair.Create(p.Key, Normalize(p.Value)))),
        JsonArray array => new JsonArray([.. array.Select(Normalize)]),
        JsonValue value when JsonKinds.IsNumber(value) && !JsonKinds.TryGetInteger(value, out _)
            && value.GetValue<double>() is var d && d == Math.Floor(d) && Math.Abs(d) < 1e15
            => JsonValue.Create((long)d),
        _ => node?.DeepClone(),
    };

    /// <summary>The paths where two values differ (after normalizing), with both values; empty when equal.</summary>
    public static IReadOnlyList<string> Differences(JsonNode? expected, JsonNode? actual)
    {
        var found = new List<string>();
        Compare(Normalize(expected), Normalize(actual), "", found);
        return found;
    }

    private static void Compare(JsonNode? expected, JsonNode? actual, string path, List<string> found)
    {
        if (expected is JsonObject e && actual is JsonObject a)
        {
            foreach (var key in e.Select(p => p.Key).Union(a.Select(p => p.Key)).Order(StringComparer.Ordinal))
            {
                Compare(e[key], a[key], $"{path}.{key}", found);
            }
        }
        else if (expected is JsonArray ea && actual is JsonArray aa && ea.Count == aa.Count)
        {
            for (var i = 0; i < ea.Count; i++)
            {
                Compare(ea[i], aa[i], $"{path}[{i}]", found);
            }
        }
        else if (!JsonNode.DeepEquals(expected, actual))
        {
            found.Add($"{(path.Length == 0 ? "." : path)}: expected {expected?.ToJsonString() ?? "nothing"}, got {actual?.ToJsonString() ?? "nothing"}");
        }
    }
}
