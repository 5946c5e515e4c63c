using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using LlmOperator.Sandbox.Tables;

namespace LlmOperator.Sandbox.Tests.Tables;

/// <summary>Renders tables at a fixed time and shows their parts as compact JSON.</summary>
internal static class TableTesting
{
    /// <summary>The time every table is rendered at: 2024-05-01T12:00:00Z.</summary>
    public static readonly DateTimeOffset Now = new(2024, 5, 1, 12, 0, 0, TimeSpan.Zero);

    private static readonly JsonSerializerOptions Readable = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static TableConverter Converter { get; } = new(new FixedTimeProvider(Now));

    public static JsonObject Parse(string json) => JsonNode.Parse(json)!.AsObject();

    /// <summary>JSON text without the default escaping of &lt; &gt; &amp; and quotes, so expectations stay readable.</summary>
    public static string Json(JsonNode? node) => node?.ToJsonString(Readable) ?? "null";

    /// <summary>The table of one object of a built-in kind.</summary>
    public static JsonObject Table(string group, string kind, string json) =>
        Converter.Convert(TableRequest.ForObject(group, kind, Parse(json)));

    /// <summary>The cells of the one row of a built-in kind's table.</summary>
    public static string Cells(string group, string kind, string json) => Json(Table(group, kind, json)["rows"]![0]!["cells"]);

    /// <summary>The column names, wide ones marked with a star: "Name,Ready,...,IP*".</summary>
    public static string Headers(JsonObject table) =>
        string.Join(',', table["columnDefinitions"]!.AsArray().Select(c => c!["name"]!.GetValue<string>() + (c["priority"]!.GetValue<int>() > 0 ? "*" : "")));
}
