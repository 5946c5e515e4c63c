using System.Text.Json.Nodes;
using LlmOperator.Manifests.Schema;

namespace LlmOperator.Sandbox.Resources;

/// <summary>Reads the kinds a CustomResourceDefinition defines, one per served version.</summary>
internal static class CustomResourceTypes
{
    /// <summary>The resource types of every served version of a CRD.</summary>
    public static IReadOnlyList<ResourceType> From(JsonObject crd)
    {
        ArgumentNullException.ThrowIfNull(crd);
        var spec = crd["spec"]!.AsObject();
        var names = spec["names"]!.AsObject();
        var types = new List<ResourceType>();
        foreach (var version in spec["versions"]!.AsArray().Select(v => v!.AsObject()))
        {
            if (version["served"]?.GetValue<bool>() == false)
            {
                continue;
            }

            var schemaJson = version["schema"]?["openAPIV3Schema"] as JsonObject
                ?? new JsonObject { ["type"] = "object", ["x-kubernetes-preserve-unknown-fields"] = true };
            types.Add(new ResourceType
            {
                Group = spec["group"]!.GetValue<string>(),
                Version = version["name"]!.GetValue<string>(),
                Plural = names["plural"]!.GetValue<string>(),
                Kind = names["kind"]!.GetValue<string>(),
                SingularName = names["singular"]?.GetValue<string>(),
                Namespaced = spec["scope"]?.GetValue<string>() != "Cluster",
                ShortNames = Strings(names["shortNames"]),
                Categories = Strings(names["categories"]),
                HasStatus = version["subresources"]?["status"] is not null,
                HasScale = version["subresources"]?["scale"] is not null,
                TracksGeneration = true,
                IsCustom = true,
                Schema = StructuralSchema.Parse(schemaJson),
                SchemaJson = schemaJson,
                PrinterColumns = version["additionalPrinterColumns"] as JsonArray,
            });
        }

        return types;
    }

    private static IReadOnlyList<string> Strings(JsonNode? node) =>
        node is JsonArray array ? [.. array.Select(n => n!.GetValue<string>())] : [];
}
