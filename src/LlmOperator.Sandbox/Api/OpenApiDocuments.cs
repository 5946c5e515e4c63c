using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using LlmOperator.Sandbox.Resources;

namespace LlmOperator.Sandbox.Api;

/// <summary>
/// OpenAPI v3 documents for the group-versions of custom resources, so that <c>kubectl explain</c> shows
/// their fields; schemas are named and tagged with x-kubernetes-group-version-kind as the API server does.
/// </summary>
internal static class OpenApiDocuments
{
    /// <summary>/openapi/v3: the path of each group-version's document.</summary>
    public static JsonObject Root(ResourceRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        var paths = new JsonObject();
        foreach (var group in registry.All.Where(t => t.SchemaJson is not null).GroupBy(t => (t.Group, t.Version)))
        {
            var key = $"apis/{group.Key.Group}/{group.Key.Version}";
            var hash = Convert.ToHexString(
                SHA256.HashData(Encoding.UTF8.GetBytes(GroupVersion(registry, group.Key.Group, group.Key.Version)!.ToJsonString())))[..16];
            paths[key] = new JsonObject { ["serverRelativeURL"] = $"/openapi/v3/{key}?hash={hash}" };
        }

        return new JsonObject { ["paths"] = paths };
    }

    /// <summary>The document of one group-version, or null when it has no custom resources.</summary>
    public static JsonObject? GroupVersion(ResourceRegistry registry, string group, string version)
    {
        ArgumentNullException.ThrowIfNull(registry);
        var types = registry.All.Where(t => t.Group == group && t.Version == version && t.SchemaJson is not null).ToList();
        if (types.Count == 0)
        {
            return null;
        }

        var schemas = new JsonObject();
        var paths = new JsonObject();
        foreach (var type in types)
        {
            AddPaths(paths, type);
            var schema = type.SchemaJson!.DeepClone().AsObject();
            schema["x-kubernetes-group-version-kind"] = Gvk(type, type.Kind);
            schemas[SchemaName(type, type.Kind)] = schema;
            schemas[SchemaName(type, type.ListKind)] = new JsonObject
            {
                ["description"] = $"{type.ListKind} is a list of {type.Kind}",
                ["type"] = "object",
                ["required"] = new JsonArray("items"),
                ["properties"] = new JsonObject
                {
                    ["apiVersion"] = new JsonObject { ["type"] = "string" },
                    ["kind"] = new JsonObject { ["type"] = "string" },
                    ["metadata"] = new JsonObject { ["type"] = "object" },
                    ["items"] = new JsonObject
                    {
                        ["type"] = "array",
                        ["items"] = new JsonObject { ["$ref"] = $"#/components/schemas/{SchemaName(type, type.Kind)}" },
                    },
                },
                ["x-kubernetes-group-version-kind"] = Gvk(type, type.ListKind),
            };
        }

        return new JsonObject
        {
            ["openapi"] = "3.0.0",
            ["info"] = new JsonObject { ["title"] = "Kubernetes CRD Swagger", ["version"] = "v0.1.0" },
            ["paths"] = paths,
            ["components"] = new JsonObject { ["schemas"] = schemas },
        };
    }

    // kubectl explain finds a resource's kind through the GET operation of its paths, and kubectl apply
    // asks whether PATCH takes fieldValidation before it relies on server-side validation.
    private static void AddPaths(JsonObject paths, ResourceType type)
    {
        var collection = type.Namespaced
            ? $"/apis/{type.Group}/{type.Version}/namespaces/{{namespace}}/{type.Plural}"
            : $"/apis/{type.Group}/{type.Version}/{type.Plural}";
        var objectSchema = new JsonObject { ["$ref"] = $"#/components/schemas/{SchemaName(type, type.Kind)}" };
        var listSchema = new JsonObject { ["$ref"] = $"#/components/schemas/{SchemaName(type, type.ListKind)}" };
        paths[collection] = new JsonObject
        {
            ["get"] = Operation(type, "list", listSchema, fieldValidation: false),
            ["post"] = Operation(type, "post", objectSchema, fieldValidation: true),
        };
        paths[collection + "/{name}"] = new JsonObject
        {
            ["get"] = Operation(type, "get", objectSchema, fieldValidation: false),
            ["put"] = Operation(type, "put", objectSchema, fieldValidation: true),
            ["patch"] = Operation(type, "patch", objectSchema, fieldValidation: true),
            ["delete"] = Operation(type, "delete", objectSchema, fieldValidation: false),
        };
    }

    private static JsonObject Operation(ResourceType type, string action, JsonObject schema, bool fieldValidation)
    {
        var parameters = new JsonArray();
        if (fieldValidation)
        {
            parameters.Add(new JsonObject
            {
                ["name"] = "fieldValidation",
                ["in"] = "query",
                ["description"] = "How the server treats unknown or duplicate fields: Ignore, Warn or Strict.",
                ["schema"] = new JsonObject { ["type"] = "string", ["uniqueItems"] = true },
            });
        }

        return new JsonObject
        {
            ["operationId"] = $"{action}{type.Kind}",
            ["parameters"] = parameters,
            ["responses"] = new JsonObject
            {
                ["200"] = new JsonObject
                {
                    ["description"] = "OK",
                    ["content"] = new JsonObject { ["application/json"] = new JsonObject { ["schema"] = schema.DeepClone() } },
                },
            },
            ["x-kubernetes-action"] = action,
            ["x-kubernetes-group-version-kind"] = new JsonObject { ["group"] = type.Group, ["version"] = type.Version, ["kind"] = type.Kind },
        };
    }

    // The API server names a group's schemas by its reversed domain: llmoperator.io -> io.llmoperator.
    private static string SchemaName(ResourceType type, string kind) =>
        $"{string.Join('.', type.Group.Split('.').Reverse())}.{type.Version}.{kind}";

    private static JsonArray Gvk(ResourceType type, string kind) =>
        new(new JsonObject { ["group"] = type.Group, ["kind"] = kind, ["version"] = type.Version });
}
