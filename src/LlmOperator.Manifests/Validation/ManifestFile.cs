using LlmOperator.Manifests.Yaml;

namespace LlmOperator.Manifests.Validation;

/// <summary>A YAML file and what reading it gave: its documents, or why it could not be read.</summary>
/// <param name="Path">The path as the user named it.</param>
/// <param name="Content">The documents and any syntax error; null when the file was refused.</param>
/// <param name="Refusal">Why the file was not read at all, for example its size.</param>
public sealed record ManifestFile(string Path, YamlReadResult? Content, string? Refusal);
