using System.Text.Json.Nodes;
using LlmOperator.Api.Markers;
using LlmOperator.Api.V1Alpha1;

namespace LlmOperator.Manifests.Crds;

/// <summary>Builds the apiextensions.k8s.io/v1 CustomResourceDefinition of a kind from its C# type.</summary>
internal static class CrdGenerator
{
    /// <summary>The CRDs of every kind in <see cref="ApiKinds.All"/>.</summary>
    public static IReadOnlyList<JsonObject> GenerateAll() => [.. ApiKinds.All.Select(Generate)];

    /// <summary>The CRD of one kind.</summary>
    public static JsonObject Generate(CustomResourceDescriptor kind)
    {
        var schema = StructuralSchemaConverter.Convert(SchemaGenerator.Generate(kind.ClrType));
        var version = new JsonObject
        {
            ["name"] = kind.Version,
            ["served"] = true,
            ["storage"] = true,
        };
        if (kind.PrinterColumns.Count > 0)
        {
            version["additionalPrinterColumns"] = new JsonArray([.. kind.PrinterColumns.Select(PrinterColumn)]);
        }

        version["schema"] = new JsonObject { ["openAPIV3Schema"] = schema };
        version["subresources"] = new JsonObject { ["status"] = new JsonObject() };

        return new JsonObject
        {
            ["apiVersion"] = "apiextensions.k8s.io/v1",
            ["kind"] = "CustomResourceDefinition",
            ["metadata"] = new JsonObject
            {
                ["name"] = kind.CrdName,
                ["labels"] = new JsonObject { ["app.kubernetes.io/part-of"] = "llm-operator" },
            },
            ["spec"] = new JsonObject
            {
                ["group"] = kind.Group,
                ["names"] = new JsonObject
                {
                    ["kind"] = kind.Kind,
                    ["listKind"] = kind.Kind + "List",
                    ["plural"] = kind.Plural,
                    ["singular"] = kind.Singular,
                    ["shortNames"] = new JsonArray([.. kind.ShortNames.Select(n => (JsonNode?)n)]),
                    ["categories"] = new JsonArray(ApiGroup.Category),
                },
                ["scope"] = "Namespaced",
                ["versions"] = new JsonArray(version),
            },
        };
    }

    private static JsonNode PrinterColumn(PrinterColumnAttribute column)
    {
        var node = new JsonObject
        {
            ["name"] = column.Name,
            ["type"] = column.Type,
            ["jsonPath"] = column.JsonPath,
        };
        if (column.Description is not null)
        {
            node["description"] = column.Description;
        }

        if (column.Priority != 0)
        {
            node["priority"] = column.Priority;
        }

        return node;
    }
}
