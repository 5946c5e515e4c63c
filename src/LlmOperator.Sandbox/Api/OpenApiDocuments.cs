using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using LlmOperator.Sandbox.Resources;
using LlmOperator.Sandbox.Schemas;

namespace LlmOperator.Sandbox.Api;

/// <summary>
/// OpenAPI v3 documents for the group-versions the sandbox serves, so that <c>kubectl explain</c> shows the
/// fields of built-in kinds (from their client models) and custom resources (from their CRDs); schemas are
/// named and tagged with x-kubernetes-group-version-kind as the API server does.
/// </summary>
internal static class OpenApiDocuments
{
    private static readonly Lazy<ModelSchemaNames> BuiltInNames =
        new(() => new(ModelsOf(BuiltInResources.All).Select(k => (k.Model, k.Group, k.Version))));

    // The documents of group-versions with only built-in kinds never change; kubectl asks for the root (and so for
    // every document's hash) on each apply, so their hashes are computed once.
    private static readonly ConcurrentDictionary<(string Group, string Version), string> BuiltInHashes = new();

    /// <summary>/openapi/v3: the path of each group-version's document.</summary>
    public static JsonObject Root(ResourceRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        var paths = new JsonObject();
        foreach (var group in Documented(registry).GroupBy(t => (t.Group, t.Version)))
        {
            var key = group.Key.Group.Length == 0 ? $"api/{group.Key.Version}" : $"apis/{group.Key.Group}/{group.Key.Version}";
            var hash = group.All(t => !t.IsCustom)
                ? BuiltInHashes.GetOrAdd(group.Key, k => Hash(GroupVersion(registry, k.Group, k.Version)!))
                : Hash(GroupVersion(registry, group.Key.Group, group.Key.Version)!);
            paths[key] = new JsonObject { ["serverRelativeURL"] = $"/openapi/v3/{key}?hash={hash}" };
        }

        return new JsonObject { ["paths"] = paths };
    }

    /// <summary>The document of one group-version (the core group's is ""), or null when none of its kinds has a schema.</summary>
    public static JsonObject? GroupVersion(ResourceRegistry registry, string group, string version)
    {
        ArgumentNullException.ThrowIfNull(registry);
        var types = Documented(registry).Where(t => t.Group == group && t.Version == version).ToList();
        if (types.Count == 0)
        {
            return null;
        }

        var paths = new JsonObject();
        types.ForEach(type => AddPaths(paths, type));
        var builtIn = types.Where(t => !t.IsCustom).ToList();
        var schemas = ModelSchemas.Components(ModelsOf(builtIn), BuiltInNames.Value);
        foreach (var type in types.Where(t => t.IsCustom))
        {
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
            ["info"] = new JsonObject { ["title"] = builtIn.Count > 0 ? "Kubernetes" : "Kubernetes CRD Swagger", ["version"] = "v0.1.0" },
            ["paths"] = paths,
            ["components"] = new JsonObject { ["schemas"] = schemas },
        };
    }

    // The models of built-in kinds and their list kinds.
    private static IEnumerable<(ModelShape Model, string Group, string Version, string Kind)> ModelsOf(IEnumerable<ResourceType> types) =>
        from type in types
        where !type.IsCustom
        from kind in new[] { type.Kind, type.ListKind }
        let model = BuiltInModels.Find(type.Group, type.Version, kind)
        where model is not null
        select (model, type.Group, type.Version, kind);

    private static string Hash(JsonObject document) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(document.ToJsonString())))[..16];

    // Custom resources with a schema, and built-in kinds the client has a model for (not the Gateway API's).
    private static IEnumerable<ResourceType> Documented(ResourceRegistry registry) =>
        registry.All.Where(t => t.SchemaJson is not null || BuiltInModels.Find(t) is not null);

    // kubectl explain finds a resource's kind through the GET operation of its paths, and kubectl apply
    // asks whether PATCH takes fieldValidation before it relies on server-side validation. PATCH declares no
    // request body types: kubectl then builds strategic merge patches from its compiled-in types, as it would
    // without a document.
    private static void AddPaths(JsonObject paths, ResourceType type)
    {
        var root = type.Group.Length == 0 ? $"/api/{type.Version}" : $"/apis/{type.Group}/{type.Version}";
        var collection = type.Namespaced ? $"{root}/namespaces/{{namespace}}/{type.Plural}" : $"{root}/{type.Plural}";
        var objectSchema = new JsonObject { ["$ref"] = $"#/components/schemas/{KindSchemaName(type, type.Kind)}" };
        var listSchema = new JsonObject { ["$ref"] = $"#/components/schemas/{KindSchemaName(type, type.ListKind)}" };
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

    private static string KindSchemaName(ResourceType type, string kind) =>
        BuiltInModels.Find(type.Group, type.Version, kind) is { } model && !type.IsCustom ? BuiltInNames.Value.Of(model) : SchemaName(type, kind);

    // The API server names a group's schemas by its reversed domain: llmoperator.io -> io.llmoperator.
    private static string SchemaName(ResourceType type, string kind) =>
        $"{string.Join('.', type.Group.Split('.').Reverse())}.{type.Version}.{kind}";

    private static JsonArray Gvk(ResourceType type, string kind) =>
        new(new JsonObject { ["group"] = type.Group, ["kind"] = kind, ["version"] = type.Version });
}
