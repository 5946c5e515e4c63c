namespace LlmOperator.Manifests.Yaml;

/// <summary>The documents of a YAML stream, and the error that stopped reading if there was one.</summary>
public sealed record YamlReadResult(IReadOnlyList<YamlDocument> Documents, YamlParseException? Error);
