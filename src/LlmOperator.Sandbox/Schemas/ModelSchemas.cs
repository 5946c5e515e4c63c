using System.Text.Json.Nodes;

namespace LlmOperator.Sandbox.Schemas;

/// <summary>
/// OpenAPI v3 component schemas for built-in kinds, rendered from their models as the API server publishes them:
/// one named schema per Go struct, fields referring to them through allOf, documentation from the client's docs.
/// </summary>
public static class ModelSchemas
{
    // The structs apimachinery defines; every other struct is named after the group of the first kind that uses it.
    private static readonly HashSet<string> MetaStructs =
    [
        "ObjectMeta", "ListMeta", "LabelSelector", "LabelSelectorRequirement", "OwnerReference", "ManagedFieldsEntry", "Condition", "Status",
        "StatusDetails", "StatusCause", "DeleteOptions", "Preconditions",
    ];

    /// <summary>The components of the given kinds (each with its group, version and kind) and every struct they use.</summary>
    /// <param name="kinds">The kinds of one group-version, with their list kinds.</param>
    /// <param name="names">The schema name of each struct.</param>
    public static JsonObject Components(IEnumerable<(ModelShape Model, string Group, string Version, string Kind)> kinds, ModelSchemaNames names)
    {
        ArgumentNullException.ThrowIfNull(kinds);
        ArgumentNullException.ThrowIfNull(names);
        var schemas = new JsonObject();
        var pending = new Queue<ModelShape>();
        foreach (var (model, group, version, kind) in kinds)
        {
            pending.Enqueue(model);
            var schema = Struct(model, names, pending);
            schema["x-kubernetes-group-version-kind"] = new JsonArray(new JsonObject { ["group"] = group, ["kind"] = kind, ["version"] = version });
            schemas[names.Of(model)] = schema;
        }

        while (pending.TryDequeue(out var model))
        {
            if (!schemas.ContainsKey(names.Of(model)))
            {
                schemas[names.Of(model)] = Struct(model, names, pending);
            }
        }

        return schemas;
    }

    /// <summary>Whether apimachinery rather than an API group defines the struct.</summary>
    public static bool IsMeta(ModelShape model)
    {
        ArgumentNullException.ThrowIfNull(model);
        return MetaStructs.Contains(model.Name);
    }

    private static JsonObject Struct(ModelShape model, ModelSchemaNames names, Queue<ModelShape> pending)
    {
        var properties = new JsonObject();
        foreach (var field in model.Fields.Values.OrderBy(f => f.Name, StringComparer.Ordinal))
        {
            var schema = Value(field.Value, names, pending);
            if (ModelDocumentation.Of(field) is { } description)
            {
                schema["description"] = description;
            }

            properties[field.Name] = schema;
        }

        var result = new JsonObject { ["type"] = "object", ["properties"] = properties };
        if (ModelDocumentation.Of(model) is { } text)
        {
            result["description"] = text;
        }

        return result;
    }

    private static JsonObject Value(ValueShape shape, ModelSchemaNames names, Queue<ModelShape> pending)
    {
        switch (shape.Kind)
        {
            case ValueKind.Struct:
                pending.Enqueue(shape.Model!);
                return new JsonObject
                {
                    ["default"] = new JsonObject(),
                    ["allOf"] = new JsonArray(new JsonObject { ["$ref"] = $"#/components/schemas/{names.Of(shape.Model!)}" }),
                };
            case ValueKind.List:
                return new JsonObject { ["type"] = "array", ["items"] = Value(shape.Element!, names, pending) };
            case ValueKind.Map:
                return new JsonObject { ["type"] = "object", ["additionalProperties"] = Value(shape.Element!, names, pending) };
            default:
                return Scalar(shape.Kind);
        }
    }

    private static JsonObject Scalar(ValueKind kind) => kind switch
    {
        ValueKind.Text => new() { ["type"] = "string" },
        ValueKind.Integer32 => new() { ["type"] = "integer", ["format"] = "int32" },
        ValueKind.Integer64 => new() { ["type"] = "integer", ["format"] = "int64" },
        ValueKind.Number => new() { ["type"] = "number", ["format"] = "double" },
        ValueKind.Boolean => new() { ["type"] = "boolean" },
        ValueKind.Bytes => new() { ["type"] = "string", ["format"] = "byte" },
        ValueKind.Time => new() { ["type"] = "string", ["format"] = "date-time" },
        ValueKind.Quantity => new() { ["type"] = "string", ["x-kubernetes-int-or-string"] = true },
        ValueKind.IntOrString => new() { ["type"] = "string", ["format"] = "int-or-string", ["x-kubernetes-int-or-string"] = true },
        _ => new() { ["type"] = "object", ["x-kubernetes-preserve-unknown-fields"] = true },
    };
}
