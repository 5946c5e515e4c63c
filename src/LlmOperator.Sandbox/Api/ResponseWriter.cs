using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using LlmOperator.Sandbox.Resources;
using LlmOperator.Sandbox.Storage;
using Microsoft.AspNetCore.Http;

namespace LlmOperator.Sandbox.Api;

/// <summary>Writes API responses: objects straight from their stored bytes, lists, Status objects and warnings.</summary>
internal static class ResponseWriter
{
    private const string Json = "application/json";

    /// <summary>Writes a JSON value.</summary>
    public static Task WriteJsonAsync(HttpContext http, int status, JsonNode node)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(node);
        http.Response.StatusCode = status;
        http.Response.ContentType = Json;
        return http.Response.Body.WriteAsync(JsonSerializer.SerializeToUtf8Bytes(node), http.RequestAborted).AsTask();
    }

    /// <summary>Writes a refusal.</summary>
    public static Task WriteStatusAsync(HttpContext http, ApiException error)
    {
        ArgumentNullException.ThrowIfNull(error);
        return WriteJsonAsync(http, error.Code, error.Status);
    }

    /// <summary>Writes one object at the version the request addressed.</summary>
    public static Task WriteObjectAsync(HttpContext http, ResourceType type, StoredObject obj, int status)
    {
        ArgumentNullException.ThrowIfNull(http);
        http.Response.StatusCode = status;
        http.Response.ContentType = Json;
        return http.Response.Body.WriteAsync(Bytes(type, obj), http.RequestAborted).AsTask();
    }

    /// <summary>Writes a list of objects, items copied from their stored bytes.</summary>
    public static async Task WriteListAsync(HttpContext http, ResourceType type, ListPage page)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(type);
        ArgumentNullException.ThrowIfNull(page);
        http.Response.StatusCode = 200;
        http.Response.ContentType = Json;
        using var buffer = new MemoryStream();
        await using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("kind", type.ListKind);
            writer.WriteString("apiVersion", type.ApiVersion);
            writer.WriteStartObject("metadata");
            writer.WriteString("resourceVersion", page.ResourceVersion.ToString(System.Globalization.CultureInfo.InvariantCulture));
            if (page.Continue is not null)
            {
                writer.WriteString("continue", page.Continue);
                writer.WriteNumber("remainingItemCount", page.RemainingItemCount ?? 0);
            }

            writer.WriteEndObject();
            writer.WriteStartArray("items");
            foreach (var item in page.Items)
            {
                writer.WriteRawValue(Bytes(type, item), skipInputValidation: true);
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        buffer.Position = 0;
        await buffer.CopyToAsync(http.Response.Body, http.RequestAborted).ConfigureAwait(false);
    }

    /// <summary>Adds Warning headers as the API server sends them (code 299).</summary>
    public static void AddWarnings(HttpContext http, IEnumerable<string> warnings)
    {
        ArgumentNullException.ThrowIfNull(http);
        foreach (var warning in warnings)
        {
            http.Response.Headers.Append("Warning", $"299 - \"{warning.Replace("\"", "\\\"", StringComparison.Ordinal)}\"");
        }
    }

    /// <summary>The object's bytes at the addressed version: a custom resource read at another served version only changes its apiVersion.</summary>
    public static byte[] Bytes(ResourceType type, StoredObject obj)
    {
        ArgumentNullException.ThrowIfNull(type);
        ArgumentNullException.ThrowIfNull(obj);
        if (obj.ApiVersion == type.ApiVersion)
        {
            return obj.Json;
        }

        var converted = obj.ToJsonObject();
        converted["apiVersion"] = type.ApiVersion;
        return Encoding.UTF8.GetBytes(converted.ToJsonString());
    }
}
