using System.Text.Json;
using System.Text.Json.Nodes;

namespace LlmOperator.Api.Json;

/// <summary>
/// Equality of JSON values as <see cref="JsonNode.DeepEquals"/> decides it, with a hash that agrees with it (object
/// properties in any order; numbers by value, so that 1 and 1.0 collide), for sets and dictionaries of JSON values.
/// </summary>
public sealed class JsonNodeEqualityComparer : IEqualityComparer<JsonNode?>
{
    /// <summary>The comparer.</summary>
    public static JsonNodeEqualityComparer Instance { get; } = new();

    private JsonNodeEqualityComparer()
    {
    }

    /// <inheritdoc/>
    public bool Equals(JsonNode? x, JsonNode? y) => JsonNode.DeepEquals(x, y);

    /// <inheritdoc/>
    public int GetHashCode(JsonNode? obj) => obj switch
    {
        null => 0,
        // Order-independent, as DeepEquals compares objects.
        JsonObject o => o.Aggregate(17, (hash, p) => hash ^ HashCode.Combine(StringComparer.Ordinal.GetHashCode(p.Key), GetHashCode(p.Value))),
        JsonArray a => a.Aggregate(19, (hash, item) => HashCode.Combine(hash, GetHashCode(item))),
        JsonValue v => v.GetValueKind() switch
        {
            JsonValueKind.String => StringComparer.Ordinal.GetHashCode(v.GetValue<string>()),
            JsonValueKind.Number => JsonKinds.ToDouble(v).GetHashCode(),
            var kind => kind.GetHashCode(),
        },
        _ => 0,
    };
}
