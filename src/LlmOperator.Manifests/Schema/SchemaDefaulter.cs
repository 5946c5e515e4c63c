using System.Text.Json.Nodes;

namespace LlmOperator.Manifests.Schema;

/// <summary>
/// Applies a structural schema's defaults the way the API server does before validation: a null in a
/// field that is not nullable counts as absent, and an absent field with a default takes it.
/// </summary>
public static class SchemaDefaulter
{
    /// <summary>Defaults a value in place.</summary>
    public static void Apply(JsonNode? value, StructuralSchema schema)
    {
        ArgumentNullException.ThrowIfNull(schema);
        switch (value)
        {
            case JsonObject obj:
                foreach (var (name, propertySchema) in schema.Properties)
                {
                    if (obj.TryGetPropertyValue(name, out var child) && child is null && !propertySchema.Nullable)
                    {
                        obj.Remove(name);
                    }

                    if (!obj.ContainsKey(name) && propertySchema.Default is { } fallback)
                    {
                        obj[name] = fallback.DeepClone();
                    }

                    Apply(obj[name], propertySchema);
                }

                if (schema.AdditionalProperties is { } valueSchema)
                {
                    foreach (var (_, child) in obj)
                    {
                        Apply(child, valueSchema);
                    }
                }

                break;
            case JsonArray array when schema.Items is { } itemSchema:
                foreach (var item in array)
                {
                    Apply(item, itemSchema);
                }

                break;
        }
    }
}
