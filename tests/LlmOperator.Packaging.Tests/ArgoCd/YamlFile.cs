using System.Text.Json.Nodes;
using LlmOperator.Manifests.Yaml;

namespace LlmOperator.Packaging.Tests.ArgoCd;

/// <summary>Reads YAML files the way kubectl does (the repository's own reader), as JSON.</summary>
public static class YamlFile
{
    /// <summary>The one document of a file, as an object.</summary>
    public static JsonObject ReadObject(string path)
    {
        var documents = ReadAll(path);
        return documents.Count == 1 && documents[0] is JsonObject obj
            ? obj
            : throw new InvalidDataException($"{path}: expected one YAML document holding an object, found {documents.Count}");
    }

    /// <summary>Every non-empty document of a file (or of YAML text, when <paramref name="text"/> is given).</summary>
    public static IReadOnlyList<JsonNode> ReadAll(string path, string? text = null)
    {
        using var reader = text is null ? new StreamReader(path) : (TextReader)new StringReader(text);
        var result = new YamlDocumentReader(YamlReaderLimits.Default).Read(reader);
        if (result.Error is { } error)
        {
            throw new InvalidDataException($"{path}:{error.Line}: {error.Message}");
        }

        return [.. result.Documents.Select(d => d.Root).OfType<JsonNode>()];
    }
}
