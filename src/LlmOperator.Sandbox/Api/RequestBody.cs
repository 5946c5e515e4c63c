using System.Text.Json;
using System.Text.Json.Nodes;
using LlmOperator.Manifests.Yaml;
using Microsoft.AspNetCore.Http;

namespace LlmOperator.Sandbox.Api;

/// <summary>Reads a request body within the API server's size limit and parses it as JSON (or YAML where the content type says so).</summary>
internal static class RequestBody
{
    /// <summary>The largest body accepted, as the real API server's 3 MiB.</summary>
    public const long MaxBytes = 3 * 1024 * 1024;

    private static readonly JsonDocumentOptions DocumentOptions = new() { AllowDuplicateProperties = false, MaxDepth = 100 };

    /// <summary>Reads the raw bytes; 413 when the body is too large.</summary>
    public static async Task<byte[]> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.ContentLength > MaxBytes)
        {
            throw Statuses.TooLarge(MaxBytes);
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
        {
            if (buffer.Length + read > MaxBytes)
            {
                throw Statuses.TooLarge(MaxBytes);
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    /// <summary>Parses a body that must be one JSON object (YAML when <paramref name="yaml"/>); 400 otherwise.</summary>
    public static JsonObject ParseObject(byte[] body, bool yaml = false)
    {
        ArgumentNullException.ThrowIfNull(body);
        var node = Parse(body, yaml);
        return node as JsonObject ?? throw Statuses.BadRequest($"the body must be a JSON object, not {Describe(node)}");
    }

    /// <summary>Parses a body as any JSON value (YAML when <paramref name="yaml"/>); 400 when it does not parse.</summary>
    public static JsonNode? Parse(byte[] body, bool yaml = false)
    {
        ArgumentNullException.ThrowIfNull(body);
        if (yaml)
        {
            using var reader = new StreamReader(new MemoryStream(body));
            var result = new YamlDocumentReader(YamlReaderLimits.Default).Read(reader);
            if (result.Error is { } error)
            {
                throw Statuses.BadRequest($"error converting YAML to JSON: yaml: line {error.Line}: {error.Message}");
            }

            return result.Documents.Count == 1 ? result.Documents[0].Root : throw Statuses.BadRequest("the body must hold exactly one YAML document");
        }

        try
        {
            return JsonNode.Parse(body, documentOptions: DocumentOptions);
        }
        catch (JsonException e)
        {
            throw Statuses.BadRequest($"couldn't get version/kind; json parse error: {e.Message}");
        }
    }

    private static string Describe(JsonNode? node) => node switch
    {
        null => "null",
        JsonArray => "an array",
        _ => "a " + node.GetValueKind().ToString().ToLowerInvariant(),
    };
}
