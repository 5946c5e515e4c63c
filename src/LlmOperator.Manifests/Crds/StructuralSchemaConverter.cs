using System.Text.Json.Nodes;
using LlmOperator.Api.Json;

namespace LlmOperator.Manifests.Crds;

/// <summary>
/// Turns NJsonSchema's output into a structural schema that a CRD accepts: references inlined, no
/// <c>additionalProperties: false</c> beside properties, no nullable markers (Argo CD chokes on
/// <c>nullable: false</c>), integral bounds written as integers, keys in a fixed, readable order.
/// </summary>
internal static class StructuralSchemaConverter
{
    private static readonly string[] KeyOrder =
    [
        "description", "type", "format", "enum", "default", "pattern", "minLength", "maxLength",
        "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "minItems", "maxItems", "anyOf",
        "items", "properties", "additionalProperties", "required",
    ];

    private static readonly HashSet<string> Dropped =
        ["$schema", "title", "definitions", "x-nullable", "nullable", "x-enumNames", "x-abstract"];

    /// <summary>The structural form of a schema produced by <see cref="SchemaGenerator"/>.</summary>
    public static JsonObject Convert(JsonObject document)
    {
        var definitions = document["definitions"]?.AsObject() ?? [];
        return Convert(document, definitions, []);
    }

    private static JsonObject Convert(JsonObject node, JsonObject definitions, Stack<string> resolving)
    {
        var merged = Resolve(node, definitions, resolving, out var resolvedName);
        if (resolvedName is not null)
        {
            resolving.Push(resolvedName);
        }

        var result = new JsonObject();
        foreach (var key in KeyOrder.Concat(merged.Select(p => p.Key).Where(k => !KeyOrder.Contains(k)).Order(StringComparer.Ordinal)))
        {
            if (!merged.TryGetPropertyValue(key, out var value) || Dropped.Contains(key))
            {
                continue;
            }

            var converted = key switch
            {
                "properties" => new JsonObject(value!.AsObject().Select(p =>
                    KeyValuePair.Create(p.Key, (JsonNode?)Convert(p.Value!.AsObject(), definitions, resolving)))),
                "items" => Convert(value!.AsObject(), definitions, resolving),
                "anyOf" => new JsonArray([.. value!.AsArray().Select(v => (JsonNode?)Convert(v!.AsObject(), definitions, resolving))]),
                "additionalProperties" when value is JsonObject schema => Convert(schema, definitions, resolving),
                "additionalProperties" => null,
                "format" when value!.GetValue<string>() is "double" or "float" => null,
                // [Range(min, int.MaxValue)] is how a type says "at least min": no upper bound is written.
                "maximum" when JsonKinds.ToDouble(value!) is int.MaxValue or long.MaxValue => null,
                "minimum" or "maximum" or "exclusiveMinimum" or "exclusiveMaximum" => Integral(value!),
                _ => value!.DeepClone(),
            };
            if (converted is not null)
            {
                result[key] = converted;
            }
        }

        if (resolvedName is not null)
        {
            resolving.Pop();
        }

        return result;
    }

    // NJsonSchema writes a reference either directly ($ref) or wrapped in a one-element oneOf/allOf
    // (to carry a description or nullability); both become the referenced schema with the
    // referring node's own keys laid over it.
    private static JsonObject Resolve(JsonObject node, JsonObject definitions, Stack<string> resolving, out string? resolvedName)
    {
        resolvedName = null;
        var reference = node["$ref"]?.GetValue<string>();
        JsonObject overlay = node;
        foreach (var wrapper in new[] { "oneOf", "allOf" })
        {
            if (reference is null && node[wrapper] is JsonArray { Count: 1 } wrapped && wrapped[0]?["$ref"] is { } inner)
            {
                reference = inner.GetValue<string>();
            }
        }

        if (reference is null)
        {
            return node;
        }

        const string prefix = "#/definitions/";
        if (!reference.StartsWith(prefix, StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"Unsupported schema reference {reference}.");
        }

        var name = reference[prefix.Length..];
        if (resolving.Contains(name))
        {
            throw new InvalidOperationException($"Type {name} is recursive; a CRD schema cannot express it.");
        }

        var target = definitions[name]?.AsObject() ?? throw new InvalidOperationException($"Missing schema definition {name}.");
        var merged = Resolve(target, definitions, resolving, out _).DeepClone().AsObject();
        foreach (var (key, value) in overlay)
        {
            if (key is not ("$ref" or "oneOf" or "allOf"))
            {
                merged[key] = value?.DeepClone();
            }
        }

        resolvedName = name;
        return merged;
    }

    private static JsonValue Integral(JsonNode value)
    {
        var number = JsonKinds.ToDouble(value);
        return Math.Floor(number) == number && Math.Abs(number) < 9.2e18 ? JsonValue.Create((long)number) : JsonValue.Create(number);
    }
}
