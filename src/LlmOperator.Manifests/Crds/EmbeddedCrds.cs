using System.Text.Json.Nodes;
using LlmOperator.Manifests.Yaml;

namespace LlmOperator.Manifests.Crds;

/// <summary>
/// The CRDs of config/crd/bases, embedded in this assembly at build time. Reading them is far cheaper
/// than generating them from the types (NJsonSchema reflection), which only <c>llmop crds</c> needs.
/// </summary>
public static class EmbeddedCrds
{
    private const string Folder = "crds/";

    /// <summary>Every embedded CRD.</summary>
    public static IReadOnlyList<JsonObject> Load()
    {
        var assembly = typeof(EmbeddedCrds).Assembly;
        var crds = assembly.GetManifestResourceNames().Where(n => n.StartsWith(Folder, StringComparison.Ordinal)).Order(StringComparer.Ordinal)
            .SelectMany(Read).ToList();

        // In the order of ApiKinds.All, as generated, so that listings read the same either way.
        var order = ApiKinds.All.Select(k => k.CrdName).ToList();
        return [.. crds.OrderBy(c => order.IndexOf(c["metadata"]?["name"]?.ToString() ?? ""))];
    }

    /// <summary>The embedded CRD of one kind (its file is named group_plural.yaml, as <see cref="CrdFiles"/> names it).</summary>
    internal static IReadOnlyList<JsonObject> Load(CustomResourceDescriptor kind) => Read($"{Folder}{kind.Group}_{kind.Plural}.yaml");

    private static List<JsonObject> Read(string resource)
    {
        using var stream = typeof(EmbeddedCrds).Assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"the CRD {resource} is not embedded in LlmOperator.Manifests; run make crds and rebuild");
        using var reader = new StreamReader(stream);
        return [.. new YamlDocumentReader(YamlReaderLimits.Default).Read(reader).Documents.Select(d => d.Root).OfType<JsonObject>()];
    }
}
