using System.Text.Json.Nodes;

namespace LlmOperator.Manifests.Schema;

/// <summary>
/// Removes the fields a structural schema does not declare, as the API server prunes custom resources,
/// and reports their paths (for a Strict refusal or a Warn header).
/// </summary>
public static class SchemaPruner
{
    private static readonly HashSet<string> ResourceEnvelope = ["apiVersion", "kind", "metadata"];

    /// <summary>Prunes a resource in place and returns the paths removed, in document order.</summary>
    public static IReadOnlyList<string> PruneResource(JsonObject value, StructuralSchema schema)
    {
        ArgumentNullException.ThrowIfNull(schema);
        var removed = new List<string>();
        Prune(value, schema, "", isResource: true, removed);
        return removed;
    }

    private static void Prune(JsonNode? value, StructuralSchema schema, string path, bool isResource, List<string> removed)
    {
        switch (value)
        {
            case JsonObject obj:
                var envelope = isResource || schema.EmbeddedResource;
                foreach (var key in obj.Select(p => p.Key).ToList())
                {
                    var childPath = path.Length == 0 ? key : $"{path}.{key}";
                    if (envelope && ResourceEnvelope.Contains(key))
                    {
                        continue;
                    }

                    if (schema.Properties.TryGetValue(key, out var propertySchema))
                    {
                        Prune(obj[key], propertySchema, childPath, isResource: false, removed);
                    }
                    else if (schema.AdditionalProperties is { } valueSchema)
                    {
                        Prune(obj[key], valueSchema, childPath, isResource: false, removed);
                    }
                    else if (!schema.PreserveUnknownFields)
                    {
                        obj.Remove(key);
                        removed.Add(childPath);
                    }
                }

                break;
            case JsonArray array when schema.Items is { } itemSchema:
                for (var i = 0; i < array.Count; i++)
                {
                    Prune(array[i], itemSchema, $"{path}[{i}]", isResource: false, removed);
                }

                break;
        }
    }
}
