using System.ComponentModel;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using k8s.Models;
using LlmOperator.Api.Markers;
using NJsonSchema;
using NJsonSchema.Generation;
using NJsonSchema.Generation.TypeMappers;

namespace LlmOperator.Manifests.Crds;

/// <summary>
/// Generates the JSON schema of a kind from its C# type with NJsonSchema: XML doc comments become
/// descriptions, data annotations become bounds, and our attributes become Kubernetes extensions. The
/// result still has NJsonSchema's shape; <see cref="StructuralSchemaConverter"/> makes it structural.
/// </summary>
internal static class SchemaGenerator
{
    /// <summary>The raw NJsonSchema document of a type, as JSON.</summary>
    public static JsonObject Generate(Type type)
    {
        var settings = new SystemTextJsonSchemaGeneratorSettings
        {
            SchemaType = SchemaType.OpenApi3,
            FlattenInheritanceHierarchy = true,
            SerializerOptions = new JsonSerializerOptions
            {
                PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
                DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
            },
        };
        settings.TypeMappers.Add(Mapped(typeof(V1ObjectMeta), s => s.Type = JsonObjectType.Object));
        settings.TypeMappers.Add(Mapped(typeof(JsonNode), s => Extend(s, "x-kubernetes-preserve-unknown-fields", true)));
        settings.TypeMappers.Add(Mapped(typeof(JsonObject), s =>
        {
            s.Type = JsonObjectType.Object;
            Extend(s, "x-kubernetes-preserve-unknown-fields", true);
        }));

        foreach (var intOrString in new[] { typeof(ResourceQuantity), typeof(IntOrString) })
        {
            settings.TypeMappers.Add(Mapped(intOrString, s =>
            {
                s.AnyOf.Add(new JsonSchema { Type = JsonObjectType.Integer });
                s.AnyOf.Add(new JsonSchema { Type = JsonObjectType.String });
                Extend(s, "x-kubernetes-int-or-string", true);
            }));
        }

        settings.SchemaProcessors.Add(new KubernetesExtensionsProcessor());
        var schema = JsonSchema.FromType(type, settings);
        return JsonNode.Parse(schema.ToJson())!.AsObject();
    }

    private static PrimitiveTypeMapper Mapped(Type type, Action<JsonSchema> shape) => new(type, shape);

    private static void Extend(JsonSchema schema, string key, object value)
    {
        schema.ExtensionData ??= new Dictionary<string, object?>();
        schema.ExtensionData[key] = value;
    }

    /// <summary>Adds x-kubernetes-validations from [CelRule] and x-kubernetes-list-type from [ListMap].</summary>
    private sealed class KubernetesExtensionsProcessor : ISchemaProcessor
    {
        public void Process(SchemaProcessorContext context)
        {
            var type = context.ContextualType.Type;
            var rules = type.GetCustomAttributes<CelRuleAttribute>().Select(rule =>
            {
                var entry = new Dictionary<string, object?> { ["rule"] = rule.Rule, ["message"] = rule.Message };
                if (rule.FieldPath is not null)
                {
                    entry["fieldPath"] = rule.FieldPath;
                }

                return entry;
            }).ToList();
            if (rules.Count > 0)
            {
                Extend(context.Schema, "x-kubernetes-validations", rules);
            }

            foreach (var property in type.GetProperties())
            {
                if (!context.Schema.Properties.TryGetValue(JsonNamingPolicy.CamelCase.ConvertName(property.Name), out var propertySchema))
                {
                    continue;
                }

                if (property.GetCustomAttribute<ListMapAttribute>() is { } listMap)
                {
                    Extend(propertySchema, "x-kubernetes-list-type", "map");
                    Extend(propertySchema, "x-kubernetes-list-map-keys", listMap.Keys.ToList());
                }

                // NJsonSchema writes an enum default by its C# name; the API speaks the JSON name.
                if (property.GetCustomAttribute<DefaultValueAttribute>()?.Value is Enum value)
                {
                    propertySchema.Default = JsonSerializer.SerializeToNode(value, value.GetType())!.GetValue<string>();
                }
            }
        }
    }
}
