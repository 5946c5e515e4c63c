using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using LlmOperator.Api.Json;

namespace LlmOperator.Manifests.Schema;

/// <summary>
/// A CRD's openAPIV3Schema (a structural schema) in a form ready to validate and default values with.
/// Built from the same JSON the CRD carries, so the sandbox API server and <c>llmop validate</c>
/// enforce exactly what a real API server would.
/// </summary>
public sealed class StructuralSchema
{
    private static readonly TimeSpan PatternTimeout = TimeSpan.FromMilliseconds(100);

    private StructuralSchema()
    {
    }

    /// <summary>object, array, string, integer, number, boolean, or null when unconstrained.</summary>
    public string? Type { get; private init; }

    /// <summary>The string format, for example date-time.</summary>
    public string? Format { get; private init; }

    /// <summary>The field's documentation.</summary>
    public string? Description { get; private init; }

    /// <summary>Declared fields of an object.</summary>
    public IReadOnlyDictionary<string, StructuralSchema> Properties { get; private init; } = new Dictionary<string, StructuralSchema>();

    /// <summary>Fields an object must have.</summary>
    public IReadOnlyList<string> Required { get; private init; } = [];

    /// <summary>The schema of the values of a map-like object.</summary>
    public StructuralSchema? AdditionalProperties { get; private init; }

    /// <summary>The schema of an array's items.</summary>
    public StructuralSchema? Items { get; private init; }

    /// <summary>The allowed values.</summary>
    public IReadOnlyList<JsonNode?>? Enum { get; private init; }

    /// <summary>The value a missing field takes.</summary>
    public JsonNode? Default { get; private init; }

    /// <summary>Whether null is a valid value.</summary>
    public bool Nullable { get; private init; }

    /// <summary>The least number.</summary>
    public double? Minimum { get; private init; }

    /// <summary>The greatest number.</summary>
    public double? Maximum { get; private init; }

    /// <summary>Whether the minimum itself is excluded.</summary>
    public bool ExclusiveMinimum { get; private init; }

    /// <summary>Whether the maximum itself is excluded.</summary>
    public bool ExclusiveMaximum { get; private init; }

    /// <summary>The shortest string, in characters.</summary>
    public long? MinLength { get; private init; }

    /// <summary>The longest string, in characters.</summary>
    public long? MaxLength { get; private init; }

    /// <summary>The pattern a string must match (ECMAScript flavour, run with a timeout).</summary>
    public Regex? Pattern { get; private init; }

    /// <summary>The fewest array items.</summary>
    public long? MinItems { get; private init; }

    /// <summary>The most array items.</summary>
    public long? MaxItems { get; private init; }

    /// <summary>The fewest object fields.</summary>
    public long? MinProperties { get; private init; }

    /// <summary>The most object fields.</summary>
    public long? MaxProperties { get; private init; }

    /// <summary>Alternatives of which at least one must match (used by int-or-string).</summary>
    public IReadOnlyList<StructuralSchema> AnyOf { get; private init; } = [];

    /// <summary>x-kubernetes-preserve-unknown-fields: fields not declared are kept as they are.</summary>
    public bool PreserveUnknownFields { get; private init; }

    /// <summary>x-kubernetes-int-or-string: an integer or a string.</summary>
    public bool IntOrString { get; private init; }

    /// <summary>x-kubernetes-embedded-resource: an object with its own apiVersion, kind and metadata.</summary>
    public bool EmbeddedResource { get; private init; }

    /// <summary>x-kubernetes-list-type: atomic, set or map.</summary>
    public string? ListType { get; private init; }

    /// <summary>x-kubernetes-list-map-keys: the fields that identify an item of a map list.</summary>
    public IReadOnlyList<string> ListMapKeys { get; private init; } = [];

    /// <summary>x-kubernetes-validations: CEL rules.</summary>
    public IReadOnlyList<ValidationRule> Rules { get; private init; } = [];

    /// <summary>Reads a schema from its JSON form.</summary>
    public static StructuralSchema Parse(JsonObject json)
    {
        ArgumentNullException.ThrowIfNull(json);
        return new StructuralSchema
        {
            Type = Text(json, "type"),
            Format = Text(json, "format"),
            Description = Text(json, "description"),
            Properties = json["properties"] is JsonObject properties
                ? properties.ToDictionary(p => p.Key, p => Parse(p.Value!.AsObject()), StringComparer.Ordinal)
                : new Dictionary<string, StructuralSchema>(),
            Required = json["required"] is JsonArray required ? [.. required.Select(r => r!.GetValue<string>())] : [],
            AdditionalProperties = json["additionalProperties"] is JsonObject additional ? Parse(additional) : null,
            Items = json["items"] is JsonObject items ? Parse(items) : null,
            Enum = json["enum"] is JsonArray values ? [.. values.Select(v => v?.DeepClone())] : null,
            Default = json["default"]?.DeepClone(),
            Nullable = Flag(json, "nullable"),
            Minimum = Number(json, "minimum"),
            Maximum = Number(json, "maximum"),
            ExclusiveMinimum = Flag(json, "exclusiveMinimum"),
            ExclusiveMaximum = Flag(json, "exclusiveMaximum"),
            MinLength = Integer(json, "minLength"),
            MaxLength = Integer(json, "maxLength"),
            Pattern = Text(json, "pattern") is { } pattern ? new Regex(pattern, RegexOptions.ECMAScript | RegexOptions.CultureInvariant, PatternTimeout) : null,
            MinItems = Integer(json, "minItems"),
            MaxItems = Integer(json, "maxItems"),
            MinProperties = Integer(json, "minProperties"),
            MaxProperties = Integer(json, "maxProperties"),
            AnyOf = json["anyOf"] is JsonArray anyOf ? [.. anyOf.Select(a => Parse(a!.AsObject()))] : [],
            PreserveUnknownFields = Flag(json, "x-kubernetes-preserve-unknown-fields"),
            IntOrString = Flag(json, "x-kubernetes-int-or-string"),
            EmbeddedResource = Flag(json, "x-kubernetes-embedded-resource"),
            ListType = Text(json, "x-kubernetes-list-type"),
            ListMapKeys = json["x-kubernetes-list-map-keys"] is JsonArray keys ? [.. keys.Select(k => k!.GetValue<string>())] : [],
            Rules = json["x-kubernetes-validations"] is JsonArray rules
                ? [.. rules.Select(r => new ValidationRule(
                    Text(r!.AsObject(), "rule") ?? "",
                    Text(r.AsObject(), "message"),
                    Text(r.AsObject(), "fieldPath"),
                    Text(r.AsObject(), "reason")))]
                : [],
        };
    }

    /// <summary>Whether an object with this schema keeps fields it does not declare.</summary>
    public bool AllowsUnknownFields => PreserveUnknownFields || AdditionalProperties is not null;

    private static string? Text(JsonObject json, string key) => json[key] is JsonValue value ? value.GetValue<string>() : null;

    private static bool Flag(JsonObject json, string key) => json[key] is JsonValue value && value.GetValue<bool>();

    private static double? Number(JsonObject json, string key) => json[key] is JsonValue value ? JsonKinds.ToDouble(value) : null;

    private static long? Integer(JsonObject json, string key) => json[key] is JsonValue value ? (long)JsonKinds.ToDouble(value) : null;
}
