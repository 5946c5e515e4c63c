namespace LlmOperator.Manifests.Yaml;

/// <summary>Bounds that keep a hostile or mistaken YAML file from exhausting memory.</summary>
public sealed record YamlReaderLimits
{
    /// <summary>The default limits.</summary>
    public static YamlReaderLimits Default { get; } = new();

    /// <summary>The most values that aliases may expand to in one document; a YAML "billion laughs" exceeds it.</summary>
    public int MaxAliasExpansion { get; init; } = 100_000;

    /// <summary>The deepest nesting of mappings and sequences.</summary>
    public int MaxDepth { get; init; } = 100;
}
