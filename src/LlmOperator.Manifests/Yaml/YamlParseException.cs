namespace LlmOperator.Manifests.Yaml;

/// <summary>YAML that cannot be read, with the line where reading stopped.</summary>
public sealed class YamlParseException(int line, string message) : Exception(message)
{
    /// <summary>The line (from 1) of the problem.</summary>
    public int Line { get; } = line;
}
