using System.Text.Json.Nodes;
using LlmOperator.Api.Json;

namespace LlmOperator.Sandbox.Tables.Printers;

/// <summary>
/// Reads fields of stored objects the way the Go printers see their typed structs: a missing field (or
/// one of the wrong type) reads as Go's zero value, so printers need no null checks of their own.
/// </summary>
internal static class ObjectFields
{
    /// <summary>The value at a path of keys, or null when any step is missing or not an object.</summary>
    public static JsonNode? At(this JsonNode? node, params ReadOnlySpan<string> path)
    {
        foreach (var key in path)
        {
            node = node is JsonObject o ? o[key] : null;
        }

        return node;
    }

    /// <summary>Whether the path leads to a value other than null (a Go pointer or struct that is set).</summary>
    public static bool Has(this JsonNode? node, params ReadOnlySpan<string> path) => node.At(path) is not null;

    /// <summary>A string field; "" when missing.</summary>
    public static string Text(this JsonNode? node, params ReadOnlySpan<string> path) =>
        node.At(path) is { } value && JsonKinds.IsString(value) ? value.GetValue<string>() : "";

    /// <summary>An integer field; null when missing (a Go pointer that is nil).</summary>
    public static long? OptionalInteger(this JsonNode? node, params ReadOnlySpan<string> path) =>
        JsonKinds.TryGetInteger(node.At(path), out var value) ? value : null;

    /// <summary>An integer field; 0 when missing.</summary>
    public static long Integer(this JsonNode? node, params ReadOnlySpan<string> path) => node.OptionalInteger(path) ?? 0;

    /// <summary>A boolean field; false when missing.</summary>
    public static bool Flag(this JsonNode? node, params ReadOnlySpan<string> path) =>
        node.At(path) is { } value && JsonKinds.IsBoolean(value) && value.GetValue<bool>();

    /// <summary>The elements of an array field; none when missing.</summary>
    public static IList<JsonNode?> Items(this JsonNode? node, params ReadOnlySpan<string> path) =>
        node.At(path) as JsonArray ?? (IList<JsonNode?>)[];

    /// <summary>The number of entries of a map or list field (Go's <c>len</c>); 0 when missing.</summary>
    public static int Count(this JsonNode? node, params ReadOnlySpan<string> path) => node.At(path) switch
    {
        JsonObject o => o.Count,
        JsonArray a => a.Count,
        _ => 0,
    };

    /// <summary>A timestamp field; null (Go's zero time) when missing or unreadable.</summary>
    public static DateTimeOffset? Time(this JsonNode? node, params ReadOnlySpan<string> path) => KubeTime.Read(node.At(path));

    /// <summary>
    /// The status of the first condition of a type in <c>conditions</c> (<c>True</c>, <c>False</c>,
    /// <c>Unknown</c>); "" when there is none. The Go printers look no further than the first.
    /// </summary>
    public static string ConditionStatus(this JsonNode? status, string type) =>
        status.Items("conditions").FirstOrDefault(c => c.Text("type") == type).Text("status");

    /// <summary>The object's <c>metadata.name</c>.</summary>
    public static string Name(this JsonObject item) => item.Text("metadata", "name");

    /// <summary>The object's age as the AGE column shows it.</summary>
    public static string Age(this JsonObject item, DateTimeOffset now) => HumanDuration.Since(item.Time("metadata", "creationTimestamp"), now);

    /// <summary>The first non-empty string, as the Go printers' <c>firstNonEmpty</c>.</summary>
    public static string FirstNonEmpty(params ReadOnlySpan<string> values)
    {
        foreach (var value in values)
        {
            if (value.Length > 0)
            {
                return value;
            }
        }

        return "";
    }
}
