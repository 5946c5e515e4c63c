using System.Text.Json.Nodes;
using LlmOperator.Manifests.Crds;

namespace LlmOperator.Manifests.Schema;

/// <summary>
/// The schemas of a set of kinds, read from their CustomResourceDefinitions. A kind's schema is parsed
/// when first asked for: <c>llmop eval</c> validates a gate and its prompts and never reads the large
/// EvaluationRun CRD.
/// </summary>
public sealed class KindSchemaSet
{
    private static readonly Lazy<KindSchemaSet> LlmOperatorKinds = new(() => new KindSchemaSet(ApiKinds.All.Select(kind =>
        (kind.Group, kind.ApiVersion, kind.Kind, new Lazy<KindSchema>(() => FromCrds(EmbeddedCrds.Load(kind)).Find(kind.ApiVersion, kind.Kind)!)))));

    private readonly Dictionary<(string ApiVersion, string Kind), Lazy<KindSchema>> _byKind;

    private KindSchemaSet(IEnumerable<(string Group, string ApiVersion, string Kind, Lazy<KindSchema> Schema)> kinds)
    {
        var all = kinds.ToList();
        _byKind = all.ToDictionary(k => (k.ApiVersion, k.Kind), k => k.Schema);
        Groups = all.Select(k => k.Group).ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>The schemas of the llmoperator.io kinds, from the CRDs generated from the C# types.</summary>
    public static KindSchemaSet LlmOperator => LlmOperatorKinds.Value;

    /// <summary>Every kind in the set (parsing each schema not parsed yet).</summary>
    public IReadOnlyList<KindSchema> All => [.. _byKind.Values.Select(k => k.Value)];

    /// <summary>The API groups the set covers.</summary>
    public IReadOnlySet<string> Groups { get; }

    /// <summary>Reads the schemas of every served version of each CRD.</summary>
    public static KindSchemaSet FromCrds(IEnumerable<JsonObject> crds)
    {
        ArgumentNullException.ThrowIfNull(crds);
        var kinds = new List<KindSchema>();
        foreach (var crd in crds)
        {
            var spec = crd["spec"]!.AsObject();
            var group = spec["group"]!.GetValue<string>();
            var kind = spec["names"]!["kind"]!.GetValue<string>();
            var namespaced = spec["scope"]?.GetValue<string>() != "Cluster";
            foreach (var version in spec["versions"]!.AsArray().Select(v => v!.AsObject()))
            {
                if (version["served"]?.GetValue<bool>() == false)
                {
                    continue;
                }

                var schema = version["schema"]?["openAPIV3Schema"] as JsonObject
                    ?? new JsonObject { ["type"] = "object", ["x-kubernetes-preserve-unknown-fields"] = true };
                kinds.Add(new KindSchema(group, version["name"]!.GetValue<string>(), kind, namespaced, StructuralSchema.Parse(schema)));
            }
        }

        return new KindSchemaSet(kinds.Select(k => (k.Group, k.ApiVersion, k.Kind, new Lazy<KindSchema>(k))));
    }

    /// <summary>Finds the schema of a kind at a version.</summary>
    public KindSchema? Find(string apiVersion, string kind) => _byKind.GetValueOrDefault((apiVersion, kind))?.Value;
}
