using System.Text.Json.Nodes;
using LlmOperator.Api.Json;
using LlmOperator.Manifests.Schema;
using LlmOperator.Manifests.Yaml;

namespace LlmOperator.Manifests.Validation;

/// <summary>An object read from a manifest, with where it was written.</summary>
/// <param name="File">The file it came from.</param>
/// <param name="Document">The YAML document, for line numbers.</param>
/// <param name="Content">The object, with schema defaults applied.</param>
/// <param name="Kind">Its kind.</param>
internal sealed record ManifestObject(string File, YamlDocument Document, JsonObject Content, string Kind)
{
    /// <summary>metadata.name, if set.</summary>
    public string? Name => Content["metadata"]?["name"] is JsonValue name && JsonKinds.IsString(name) ? name.GetValue<string>() : null;

    /// <summary>metadata.namespace, or "" when the manifest leaves it to the apply.</summary>
    public string Namespace => Content["metadata"]?["namespace"] is JsonValue ns && JsonKinds.IsString(ns) ? ns.GetValue<string>() : "";

    /// <summary>Kind/name, as findings name the object.</summary>
    public string Subject => $"{Kind}/{Name ?? "<unnamed>"}";

    /// <summary>Where the object starts, as file:line.</summary>
    public string Location => $"{File}:{Document.StartLine}";

    /// <summary>A finding about a field of this object.</summary>
    public Diagnostic Finding(FieldError error) => Finding(error.Path, error.Body);

    /// <summary>A finding about a field of this object.</summary>
    public Diagnostic Finding(string path, string message, DiagnosticSeverity severity = DiagnosticSeverity.Error) =>
        new(File, Document.LineOf(path), Subject, path, message, severity);
}
