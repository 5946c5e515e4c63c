using System.Text.Json.Nodes;
using LlmOperator.Manifests.Yaml;

namespace LlmOperator.Manifests.Crds;

/// <summary>
/// The CRDs of config/crd/bases, embedded in this assembly at build time. Reading them is far cheaper
/// than generating them from the types (NJsonSchema reflection), which only <c>llmop crds</c> needs.
/// </summary>
public static class EmbeddedCrds
{
    /// <summary>Every embedded CRD.</summary>
    public static IReadOnlyList<JsonObject> Load()
    {
        var assembly = typeof(EmbeddedCrds).Assembly;
        var crds = new List<JsonObject>();
        foreach (var name in assembly.GetManifestResourceNames().Where(n => n.StartsWith("crds/", StringComparison.Ordinal)).Order(StringComparer.Ordinal))
        {
            using var stream = assembly.GetManifestResourceStream(name)!;
            using var reader = new StreamReader(stream);
            var read = new YamlDocumentReader(YamlReaderLimits.Default).Read(reader);
            crds.AddRange(read.Documents.Select(d => d.Root).OfType<JsonObject>());
        }

        // In the order of ApiKinds.All, as generated, so that listings read the same either way.
        var order = ApiKinds.All.Select(k => k.CrdName).ToList();
        return [.. crds.OrderBy(c => order.IndexOf(c["metadata"]?["name"]?.ToString() ?? ""))];
    }
}
