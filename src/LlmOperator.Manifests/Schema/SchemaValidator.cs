using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using LlmOperator.Api.Json;
using LlmOperator.Api.Text;

namespace LlmOperator.Manifests.Schema;

/// <summary>
/// Validates a value against a structural schema the way the Kubernetes API server validates a custom
/// resource: types, enums, bounds, patterns, required and unknown fields, list uniqueness, then the
/// CEL rules of every node whose own subtree is valid.
/// </summary>
public sealed class SchemaValidator(CelRuleEvaluator cel)
{
    private static readonly HashSet<string> ResourceEnvelope = ["apiVersion", "kind", "metadata"];

    /// <summary>
    /// Every problem with a resource. The root's (and embedded resources') apiVersion, kind and metadata
    /// are left to <see cref="ObjectMetaValidator"/>; <paramref name="oldValue"/> enables transition rules.
    /// </summary>
    public IReadOnlyList<FieldError> ValidateResource(JsonObject value, JsonObject? oldValue, StructuralSchema schema)
    {
        ArgumentNullException.ThrowIfNull(schema);
        var errors = new Pass();
        ValidateNode(value, oldValue, schema, "", isResource: true, errors);
        return errors;
    }

    private void ValidateNode(JsonNode? value, JsonNode? old, StructuralSchema schema, string path, bool isResource, Pass errors)
    {
        var before = errors.Count;
        if (value is null)
        {
            if (!schema.Nullable && (schema.Type is not null || schema.IntOrString))
            {
                errors.Add(new FieldError(path, FieldErrorType.Invalid, $"must be of type {ExpectedType(schema)}", value, showValue: true));
            }

            return;
        }

        if (!TypeMatches(value, schema))
        {
            errors.Add(new FieldError(path, FieldErrorType.Invalid, $"must be of type {ExpectedType(schema)}", value, showValue: true));
            return;
        }

        if (schema.Enum is { } allowed && !allowed.Any(a => JsonNode.DeepEquals(a, value)))
        {
            errors.Add(new FieldError(path, FieldErrorType.NotSupported,
                "supported values: " + string.Join(", ", allowed.Select(FieldError.Render)), value, showValue: true));
        }

        switch (value)
        {
            case JsonObject obj:
                ValidateObject(obj, old as JsonObject, schema, path, isResource || schema.EmbeddedResource, errors);
                break;
            case JsonArray array:
                ValidateArray(array, old as JsonArray, schema, path, errors);
                break;
            case var _ when JsonKinds.IsString(value):
                ValidateString(value.GetValue<string>(), value, schema, path, errors);
                break;
            case var _ when JsonKinds.IsNumber(value):
                ValidateNumber(JsonKinds.ToDouble(value), value, schema, path, errors);
                break;
        }

        if (schema.AnyOf.Count > 0 && !schema.IntOrString && !schema.AnyOf.Any(alternative => Matches(value, alternative)))
        {
            errors.Add(new FieldError(path, FieldErrorType.Invalid, "must match at least one of the allowed forms", value, showValue: true));
        }

        if (errors.Count == before)
        {
            ValidateRules(value, old, schema, path, errors);
        }
    }

    private void ValidateObject(JsonObject obj, JsonObject? old, StructuralSchema schema, string path, bool isResource, Pass errors)
    {
        foreach (var (key, child) in obj)
        {
            var childPath = Join(path, key);
            if (isResource && ResourceEnvelope.Contains(key))
            {
                continue;
            }

            if (schema.Properties.TryGetValue(key, out var propertySchema))
            {
                ValidateNode(child, old?[key], propertySchema, childPath, isResource: false, errors);
            }
            else if (schema.AdditionalProperties is { } valueSchema)
            {
                ValidateNode(child, old?[key], valueSchema, childPath, isResource: false, errors);
            }
            else if (!schema.PreserveUnknownFields)
            {
                var suggestion = EditDistance.Suggest(key, schema.Properties.Keys);
                errors.Add(new FieldError(childPath, FieldErrorType.UnknownField,
                    suggestion is null ? "not declared in the schema" : $"not declared in the schema; did you mean \"{suggestion}\"?"));
            }
        }

        foreach (var required in schema.Required)
        {
            if (obj[required] is null)
            {
                errors.Add(new FieldError(Join(path, required), FieldErrorType.Required));
            }
        }

        if (schema.MinProperties is { } min && obj.Count < min)
        {
            errors.Add(new FieldError(path, FieldErrorType.Invalid, $"must have at least {Counted(min, "field")}", obj.Count, showValue: true));
        }

        if (schema.MaxProperties is { } max && obj.Count > max)
        {
            errors.Add(new FieldError(path, FieldErrorType.TooMany, $"must have at most {Counted(max, "field")}", obj.Count, showValue: true));
        }
    }

    private void ValidateArray(JsonArray array, JsonArray? old, StructuralSchema schema, string path, Pass errors)
    {
        if (schema.MinItems is { } min && array.Count < min)
        {
            errors.Add(new FieldError(path, FieldErrorType.Invalid, $"must have at least {Counted(min, "item")}", array.Count, showValue: true));
        }

        if (schema.MaxItems is { } max && array.Count > max)
        {
            errors.Add(new FieldError(path, FieldErrorType.TooMany, $"must have at most {Counted(max, "item")}", array.Count, showValue: true));
        }

        var seen = new HashSet<JsonNode?>(JsonNodeEqualityComparer.Instance);
        for (var i = 0; i < array.Count; i++)
        {
            var item = array[i];
            var itemPath = $"{path}[{i}]";
            if (schema.Items is { } itemSchema)
            {
                ValidateNode(item, CorrelatedItem(item, old, schema), itemSchema, itemPath, isResource: false, errors);
            }

            var identity = schema.ListType switch
            {
                "map" when item is JsonObject itemObject => new JsonObject(schema.ListMapKeys.Select(k => KeyValuePair.Create(k, itemObject[k]?.DeepClone()))),
                "set" => item,
                _ => null,
            };
            if (identity is null)
            {
                continue;
            }

            // A set, not a scan of the items before: a 1,000-case gate made that half a million comparisons.
            if (!seen.Add(identity))
            {
                errors.Add(DuplicateError(itemPath, identity));
            }
        }
    }

    private static FieldError DuplicateError(string path, JsonNode identity) =>
        new(path, FieldErrorType.Duplicate, identity is JsonObject ? identity.ToJsonString() : FieldError.Render(identity));

    // Transition rules compare an item with its previous self: for map lists that is the item with the same keys.
    private static JsonNode? CorrelatedItem(JsonNode? item, JsonArray? old, StructuralSchema schema)
    {
        if (old is null || schema.ListType != "map" || item is not JsonObject itemObject)
        {
            return null;
        }

        return old.FirstOrDefault(o => o is JsonObject candidate && schema.ListMapKeys.All(k => JsonNode.DeepEquals(candidate[k], itemObject[k])));
    }

    private static void ValidateString(string text, JsonNode value, StructuralSchema schema, string path, List<FieldError> errors)
    {
        var length = text.EnumerateRunes().Count();
        if (schema.MinLength is { } min && length < min)
        {
            errors.Add(new FieldError(path, FieldErrorType.Invalid,
                min == 1 ? "must not be empty" : $"must be at least {Counted(min, "character")} long", value, showValue: true));
        }

        if (schema.MaxLength is { } max && length > max)
        {
            errors.Add(new FieldError(path, FieldErrorType.TooLong, $"may not be longer than {Counted(max, "character")}"));
        }

        if (schema.Pattern is { } pattern)
        {
            try
            {
                if (!pattern.IsMatch(text))
                {
                    errors.Add(new FieldError(path, FieldErrorType.Invalid, $"must match the regular expression '{pattern}'", value, showValue: true));
                }
            }
            catch (RegexMatchTimeoutException)
            {
                errors.Add(new FieldError(path, FieldErrorType.Invalid, $"took too long to match '{pattern}'", value, showValue: true));
            }
        }

        if (schema.Format == "date-time" && !DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out _))
        {
            errors.Add(new FieldError(path, FieldErrorType.Invalid, "must be an RFC 3339 date-time, for example 2026-01-02T15:04:05Z", value, showValue: true));
        }
    }

    private static void ValidateNumber(double number, JsonNode value, StructuralSchema schema, string path, List<FieldError> errors)
    {
        if (schema.Minimum is { } min && (schema.ExclusiveMinimum ? number <= min : number < min))
        {
            errors.Add(new FieldError(path, FieldErrorType.Invalid,
                $"must be greater than {(schema.ExclusiveMinimum ? "" : "or equal to ")}{FieldError.Number(min)}", value, showValue: true));
        }

        if (schema.Maximum is { } max && (schema.ExclusiveMaximum ? number >= max : number > max))
        {
            errors.Add(new FieldError(path, FieldErrorType.Invalid,
                $"must be less than {(schema.ExclusiveMaximum ? "" : "or equal to ")}{FieldError.Number(max)}", value, showValue: true));
        }
    }

    private void ValidateRules(JsonNode value, JsonNode? old, StructuralSchema schema, string path, Pass errors)
    {
        // Converted once for all the node's rules, and only if one applies.
        CelVariableDictionary? variables = null;
        foreach (var rule in schema.Rules)
        {
            if (old is null && CelRuleEvaluator.IsTransitionRule(rule.Rule))
            {
                continue;
            }

            var outcome = cel.Evaluate(rule.Rule, variables ??= new CelVariableDictionary(
                PlainValues.From(value, errors.Converted), old is null ? null : PlainValues.From(old, errors.Converted), old is not null));
            if (outcome.IsHeld)
            {
                continue;
            }

            var errorPath = path + (rule.FieldPath ?? "");
            if (outcome.Error is not null)
            {
                errors.Add(new FieldError(errorPath, FieldErrorType.Invalid, $"{outcome.Error} evaluating rule: {rule.Rule}", value, showValue: true));
                continue;
            }

            var message = rule.Message ?? $"failed rule: {rule.Rule}";
            errors.Add(rule.Reason switch
            {
                "FieldValueRequired" => new FieldError(errorPath, FieldErrorType.Required, message),
                "FieldValueForbidden" => new FieldError(errorPath, FieldErrorType.Forbidden, message),
                "FieldValueDuplicate" => new FieldError(errorPath, FieldErrorType.Duplicate, message),
                _ => new FieldError(errorPath, FieldErrorType.Invalid, message, value, showValue: true),
            });
        }
    }

    private bool Matches(JsonNode value, StructuralSchema alternative)
    {
        var errors = new Pass();
        ValidateNode(value, null, alternative, "", isResource: false, errors);
        return errors.Count == 0;
    }

    private static bool TypeMatches(JsonNode value, StructuralSchema schema)
    {
        if (schema.IntOrString)
        {
            return JsonKinds.IsInteger(value) || JsonKinds.IsString(value);
        }

        return schema.Type switch
        {
            null => true,
            "object" => value is JsonObject,
            "array" => value is JsonArray,
            "string" => JsonKinds.IsString(value),
            "integer" => JsonKinds.IsInteger(value),
            "number" => JsonKinds.IsNumber(value),
            "boolean" => JsonKinds.IsBoolean(value),
            _ => false,
        };
    }

    private static string ExpectedType(StructuralSchema schema) => schema.IntOrString ? "integer or string" : schema.Type ?? "any";

    private static string Join(string path, string key) => path.Length == 0 ? key : $"{path}.{key}";

    private static string Counted(long count, string noun) => count == 1 ? $"1 {noun}" : $"{count} {noun}s";

    // One validation's errors, with the plain values its rules were given, by node: a parent's rules then reuse what
    // its children's rules converted (children are validated first) instead of converting the whole subtree again.
    private sealed class Pass : List<FieldError>
    {
        public Dictionary<JsonNode, object?> Converted { get; } = new(ReferenceEqualityComparer.Instance);
    }
}
