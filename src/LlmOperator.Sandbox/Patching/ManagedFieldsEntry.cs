using System.Globalization;
using System.Text.Json.Nodes;
using LlmOperator.Api.Json;

namespace LlmOperator.Sandbox.Patching;

/// <summary>One entry of <c>metadata.managedFields</c>: a manager, how it wrote (Apply or Update) and the fields it owns.</summary>
internal sealed record ManagedFieldsEntry(string Manager, string Operation, string ApiVersion, string? Time, string? Subresource, FieldSet Fields)
{
    /// <summary>The operation of an entry written by server-side apply.</summary>
    public const string Apply = "Apply";

    /// <summary>The entries of an object; an entry that is not well formed is dropped.</summary>
    public static List<ManagedFieldsEntry> ReadAll(JsonObject? obj) =>
        obj?["metadata"]?["managedFields"] is JsonArray entries ? [.. entries.Select(Read).OfType<ManagedFieldsEntry>()] : [];

    /// <summary>The time format of <c>metav1.Time</c>: RFC 3339 in UTC, whole seconds.</summary>
    public static string FormatTime(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    /// <summary>Entries in the API server's order: by operation, time, manager, apiVersion and subresource.</summary>
    public static IEnumerable<ManagedFieldsEntry> Order(IEnumerable<ManagedFieldsEntry> entries) => entries
        .OrderBy(e => e.Operation, StringComparer.Ordinal)
        .ThenBy(e => e.Time is null ? DateTimeOffset.MinValue : DateTimeOffset.Parse(e.Time, CultureInfo.InvariantCulture))
        .ThenBy(e => e.Manager, StringComparer.Ordinal)
        .ThenBy(e => e.ApiVersion, StringComparer.Ordinal)
        .ThenBy(e => e.Subresource, StringComparer.Ordinal);

    /// <summary>Whether this is the entry of the given manager applying to the given subresource.</summary>
    public bool IsApplyOf(string manager, string? subresource) => Operation == Apply && Manager == manager && Subresource == subresource;

    /// <summary>The manager as conflict messages name it: <c>"kubectl" using apps/v1</c> for an update manager.</summary>
    public string Describe()
    {
        var text = $"\"{Manager}\"" + (Subresource is null ? "" : $" with subresource \"{Subresource}\"");
        return Operation == Apply ? text : $"{text} using {ApiVersion}";
    }

    /// <summary>The entry as it appears in <c>metadata.managedFields</c>.</summary>
    public JsonObject ToJson()
    {
        var json = new JsonObject { ["manager"] = Manager, ["operation"] = Operation, ["apiVersion"] = ApiVersion };
        if (Time is not null)
        {
            json["time"] = Time;
        }

        json["fieldsType"] = "FieldsV1";
        json["fieldsV1"] = FieldsV1.Write(Fields);
        if (Subresource is not null)
        {
            json["subresource"] = Subresource;
        }

        return json;
    }

    private static ManagedFieldsEntry? Read(JsonNode? entry)
    {
        string? Text(string name) => JsonKinds.IsString(entry?[name]) ? entry![name]!.GetValue<string>() : null;
        var time = Text("time");
        return Text("manager") is { } manager
            && Text("operation") is "Apply" or "Update"
            && Text("apiVersion") is { Length: > 0 } apiVersion
            && Text("fieldsType") == "FieldsV1"
            && (time is null || DateTimeOffset.TryParse(time, CultureInfo.InvariantCulture, out _))
            && FieldsV1.TryRead(entry!["fieldsV1"] ?? new JsonObject()) is { } fields
            ? new ManagedFieldsEntry(manager, Text("operation")!, apiVersion, time, Text("subresource"), fields)
            : null;
    }
}
