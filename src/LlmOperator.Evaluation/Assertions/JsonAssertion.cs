using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using LlmOperator.Api.Json;
using LlmOperator.Api.V1Alpha1;
using LlmOperator.Manifests.Yaml;
using NJsonSchema;

namespace LlmOperator.Evaluation.Assertions;

/// <summary>
/// is-json (the whole answer is JSON) and contains-json (some JSON object is written in it), each
/// optionally matching a JSON schema given as an object or as YAML/JSON text.
/// </summary>
internal sealed class JsonAssertion : CompiledAssertion
{
    private static readonly ConcurrentDictionary<string, Lazy<JsonSchema>> Schemas = new(StringComparer.Ordinal);
    private readonly JsonSchema? _schema;

    /// <summary>Compiles the schema, if there is one; an invalid schema is a configuration error.</summary>
    public JsonAssertion(AssertionSpec spec)
        : base(spec)
    {
        var schema = spec.Value switch
        {
            null => null,
            JsonValue when JsonKinds.IsString(spec.Value) && spec.Value.GetValue<string>().Length == 0 => null,
            JsonValue when JsonKinds.IsString(spec.Value) => ReadYaml(spec.Value.GetValue<string>(), spec),
            JsonObject or JsonValue when JsonKinds.IsBoolean(spec.Value) || spec.Value is JsonObject => spec.Value,
            _ => throw new AssertionConfigurationException(
                $"{spec.Where}: \"{spec.TypeName}\" value must be a JSON schema (an object, or YAML text), not {JsonKinds.TypeName(spec.Value)}"),
        };
        if (schema is not null)
        {
            var text = JsonKinds.IsBoolean(schema) ? (schema.GetValue<bool>() ? "{}" : "{\"not\":{}}") : schema.ToJsonString();
            try
            {
                _schema = Schemas.GetOrAdd(text, key => new Lazy<JsonSchema>(() => JsonSchema.FromJsonAsync(key).GetAwaiter().GetResult())).Value;
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                Schemas.TryRemove(text, out _);
                throw new AssertionConfigurationException($"{spec.Where}: invalid JSON schema: {e.Message}");
            }
        }
    }

    /// <inheritdoc />
    public override ValueTask<AssertionOutcome> EvaluateAsync(AssertionInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        return ValueTask.FromResult(Spec.Type == AssertionType.IsJson ? IsJson(input.Output) : ContainsJson(input.Output));
    }

    private AssertionOutcome IsJson(string output)
    {
        if (!AssertionValues.TryParse(output, out var parsed))
        {
            return Verdict(Spec.Inverse, "Expected output to be valid JSON");
        }

        if (_schema is null)
        {
            return Verdict(!Spec.Inverse, "Expected output to not be valid JSON");
        }

        var errors = Validate(parsed);
        return errors is null
            ? Verdict(!Spec.Inverse, "Output is JSON that conforms to the provided schema")
            : Verdict(Spec.Inverse, $"JSON does not conform to the provided schema. Errors: {errors}");
    }

    private AssertionOutcome ContainsJson(string output)
    {
        var objects = AssertionValues.ExtractJsonObjects(output);
        if (objects.Count == 0)
        {
            return Verdict(Spec.Inverse, "Expected output to contain valid JSON");
        }

        if (_schema is null)
        {
            return Verdict(!Spec.Inverse, "Expected output to not contain valid JSON");
        }

        string? lastErrors = null;
        foreach (var obj in objects)
        {
            lastErrors = Validate(obj);
            if (lastErrors is null)
            {
                return Verdict(!Spec.Inverse, "Output contains JSON conforming to the provided schema");
            }
        }

        return Verdict(Spec.Inverse, $"JSON does not conform to the provided schema. Errors: {lastErrors}");
    }

    private string? Validate(JsonNode? value)
    {
        var errors = _schema!.Validate(value?.ToJsonString() ?? "null");
        return errors.Count == 0 ? null : string.Join(", ", errors.Select(e => $"{e.Kind} at {e.Path}"));
    }

    private static JsonNode? ReadYaml(string text, AssertionSpec spec)
    {
        var result = new YamlDocumentReader(YamlReaderLimits.Default).Read(new StringReader(text));
        return result.Error is { } error
            ? throw new AssertionConfigurationException($"{spec.Where}: the JSON schema text does not parse (line {error.Line}: {error.Message})")
            : result.Documents.Count > 0 ? result.Documents[0].Root : null;
    }
}
