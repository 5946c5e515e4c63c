using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using LlmOperator.Api.Json;
using LlmOperator.Manifests.Yaml;
using NJsonSchema;

namespace LlmOperator.Evaluation.Assertions;

/// <summary>
/// JSON schemas of assertions (is-json, contains-json, tool-call's arguments, and the parameters of offered tools), compiled
/// once per distinct schema with NJsonSchema and shared by every case that uses the same one.
/// </summary>
internal static class JsonSchemas
{
    private static readonly ConcurrentDictionary<string, Lazy<JsonSchema>> Compiled = new(StringComparer.Ordinal);

    /// <summary>
    /// The schema an assertion value gives: an object, a boolean, or YAML/JSON text; null for none (no value or "").
    /// Anything else, or a schema that does not compile, is a configuration error naming <paramref name="what"/>.
    /// </summary>
    public static JsonSchema? FromValue(JsonNode? value, AssertionSpec spec, string what)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var schema = value switch
        {
            null => null,
            JsonValue when JsonKinds.IsString(value) && value.GetValue<string>().Length == 0 => null,
            JsonValue when JsonKinds.IsString(value) => ReadYaml(value.GetValue<string>(), spec, what),
            JsonObject => value,
            JsonValue when JsonKinds.IsBoolean(value) => value,
            _ => throw new AssertionConfigurationException(
                $"{spec.Where}: \"{spec.TypeName}\" {what} must be a JSON schema (an object, or YAML text), not {JsonKinds.TypeName(value)}"),
        };
        if (schema is null)
        {
            return null;
        }

        try
        {
            return Compile(schema);
        }
        catch (InvalidOperationException e)
        {
            throw new AssertionConfigurationException($"{spec.Where}: invalid JSON schema in {what}: {e.Message}");
        }
    }

    /// <summary>Compiles a schema (an object, or true/false); one that does not compile throws <see cref="InvalidOperationException"/>.</summary>
    public static JsonSchema Compile(JsonNode schema)
    {
        ArgumentNullException.ThrowIfNull(schema);
        var text = JsonKinds.IsBoolean(schema) ? (schema.GetValue<bool>() ? "{}" : "{\"not\":{}}") : schema.ToJsonString();
        try
        {
            return Compiled.GetOrAdd(text, key => new Lazy<JsonSchema>(() => JsonSchema.FromJsonAsync(key).GetAwaiter().GetResult())).Value;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            Compiled.TryRemove(text, out _);
            throw new InvalidOperationException(e.Message, e);
        }
    }

    /// <summary>What in a value does not conform to a schema, as "kind at path" items; null when it conforms.</summary>
    public static string? Validate(JsonSchema schema, JsonNode? value)
    {
        ArgumentNullException.ThrowIfNull(schema);
        var errors = schema.Validate(value?.ToJsonString() ?? "null");
        return errors.Count == 0 ? null : string.Join(", ", errors.Select(e => $"{e.Kind} at {e.Path}"));
    }

    private static JsonNode? ReadYaml(string text, AssertionSpec spec, string what)
    {
        var result = new YamlDocumentReader(YamlReaderLimits.Default).Read(new StringReader(text));
        return result.Error is { } error
            ? throw new AssertionConfigurationException($"{spec.Where}: the JSON schema text in {what} does not parse (line {error.Line}: {error.Message})")
            : result.Documents.Count > 0 ? result.Documents[0].Root : null;
    }
}
