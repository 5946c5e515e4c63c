using System.Text.Json.Nodes;

namespace LlmOperator.Testing.InMemory;

/// <summary>Equality-based label selectors (<c>a=b</c>, and a bare key for "has the label"): the ones the operator uses.</summary>
internal static class LabelSelectors
{
    public static bool Matches(JsonObject obj, string? selector) =>
        selector is null || selector.Split(',').All(term =>
        {
            var labels = obj["metadata"]?["labels"] as JsonObject;
            var parts = term.Split('=', 2);
            return parts.Length == 1
                ? labels?.ContainsKey(parts[0]) == true
                : labels?[parts[0]]?.GetValue<string>() == parts[1];
        });
}
