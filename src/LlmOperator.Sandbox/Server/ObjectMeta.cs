using System.Globalization;
using System.Text.Json.Nodes;

namespace LlmOperator.Sandbox.Server;

/// <summary>Reads and writes of metadata fields on JSON objects.</summary>
internal static class ObjectMeta
{
    /// <summary>The object's metadata, created if missing.</summary>
    public static JsonObject Of(JsonObject obj)
    {
        ArgumentNullException.ThrowIfNull(obj);
        if (obj["metadata"] is not JsonObject metadata)
        {
            obj["metadata"] = metadata = [];
        }

        return metadata;
    }

    /// <summary>A metadata string field, or null.</summary>
    public static string? Text(JsonObject obj, string field) => Of(obj)[field] is JsonValue value ? value.ToString() : null;

    /// <summary>metadata.finalizers.</summary>
    public static IReadOnlyList<string> Finalizers(JsonObject obj) =>
        Of(obj)["finalizers"] is JsonArray list ? [.. list.Select(f => f!.ToString())] : [];

    /// <summary>Sets metadata.finalizers, removing the field when the list is empty.</summary>
    public static void SetFinalizers(JsonObject obj, IEnumerable<string> finalizers)
    {
        var list = finalizers.ToList();
        if (list.Count == 0)
        {
            Of(obj).Remove("finalizers");
        }
        else
        {
            Of(obj)["finalizers"] = new JsonArray([.. list.Select(f => (JsonNode?)f)]);
        }
    }

    /// <summary>A timestamp as the API server writes it: RFC 3339 in UTC, whole seconds.</summary>
    public static string Timestamp(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
