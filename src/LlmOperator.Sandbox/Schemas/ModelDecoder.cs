using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using LlmOperator.Api.Json;

namespace LlmOperator.Sandbox.Schemas;

/// <summary>
/// Reads a built-in object as the API server's Go decoder does: fields the model lacks are dropped (and reported,
/// for fieldValidation), nulls become absent, and a value of the wrong type is a decoding error worded as Go words it.
/// </summary>
public static class ModelDecoder
{
    /// <summary>Drops unknown fields and nulls from <paramref name="obj"/> and checks every value's type.</summary>
    public static DecodeResult Decode(JsonObject obj, ModelShape model)
    {
        ArgumentNullException.ThrowIfNull(obj);
        ArgumentNullException.ThrowIfNull(model);
        var decoding = new Decoding();
        decoding.Object(obj, model, path: "", fieldPath: "");
        return new DecodeResult(decoding.Unknown, decoding.Error);
    }

    private sealed class Decoding
    {
        public List<string> Unknown { get; } = [];

        public string? Error { get; private set; }

        public void Object(JsonObject obj, ModelShape model, string path, string fieldPath)
        {
            foreach (var (name, value) in obj.ToList())
            {
                var childPath = path.Length == 0 ? name : $"{path}.{name}";
                if (!model.Fields.TryGetValue(name, out var field))
                {
                    Unknown.Add(childPath);
                    obj.Remove(name);
                }
                else if (value is null)
                {
                    obj.Remove(name);
                }
                else
                {
                    Value(value, field.Value, model.Name, childPath, fieldPath.Length == 0 ? name : $"{fieldPath}.{name}");
                }
            }
        }

        // path names array items ([0]) as fieldValidation reports them; fieldPath does not, as Go's errors do not.
        private void Value(JsonNode value, ValueShape shape, string owner, string path, string fieldPath)
        {
            switch (shape.Kind)
            {
                case ValueKind.Any:
                    return;
                case ValueKind.Struct when value is JsonObject child:
                    Object(child, shape.Model!, path, fieldPath);
                    return;
                case ValueKind.List when value is JsonArray items:
                    for (var i = 0; i < items.Count; i++)
                    {
                        if (items[i] is { } item)
                        {
                            Value(item, shape.Element!, owner, $"{path}[{i}]", fieldPath);
                        }
                    }

                    return;
                case ValueKind.Map when value is JsonObject entries:
                    foreach (var (key, entry) in entries)
                    {
                        if (entry is not null)
                        {
                            Value(entry, shape.Element!, owner, $"{path}.{key}", fieldPath);
                        }
                    }

                    return;
            }

            if (!Fits(value, shape.Kind))
            {
                Error ??= $"json: cannot unmarshal {GoValue(value, shape.Kind)} into Go struct field {owner}.{fieldPath} of type {shape.GoType}";
            }
            else if (FormatError(value, shape.Kind) is { } error)
            {
                Error ??= error;
            }
        }

        private static bool Fits(JsonNode value, ValueKind kind)
        {
            var json = value.GetValueKind();
            return kind switch
            {
                ValueKind.Text or ValueKind.Time or ValueKind.Bytes => json == JsonValueKind.String,
                ValueKind.Boolean => json is JsonValueKind.True or JsonValueKind.False,
                ValueKind.Number => json == JsonValueKind.Number,
                ValueKind.Quantity => json is JsonValueKind.String or JsonValueKind.Number,
                ValueKind.Integer32 => IsInteger(value, int.MinValue, int.MaxValue),
                ValueKind.Integer64 => IsInteger(value, long.MinValue, long.MaxValue),
                ValueKind.IntOrString => json == JsonValueKind.String || IsInteger(value, int.MinValue, int.MaxValue),
                _ => false,
            };
        }

        private static bool IsInteger(JsonNode value, long min, long max) => JsonKinds.TryGetInteger(value, out var n) && n >= min && n <= max;

        // The formats Go parses after the type matched.
        private static string? FormatError(JsonNode value, ValueKind kind) => kind switch
        {
            ValueKind.Quantity when value.GetValueKind() == JsonValueKind.String && !Quantities.IsValid(value.GetValue<string>()) =>
                Quantities.FormatError,
            ValueKind.Time => Time(value.GetValue<string>()),
            ValueKind.Bytes => Base64(value.GetValue<string>()),
            _ => null,
        };

        private static string? Time(string text) =>
            DateTimeOffset.TryParseExact(text, ["yyyy-MM-dd'T'HH:mm:ssK", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK"], CultureInfo.InvariantCulture,
                DateTimeStyles.None, out _)
                ? null
                : $"parsing time \"{text}\" as \"2006-01-02T15:04:05Z07:00\": cannot parse \"{text}\" as an RFC 3339 time";

        private static string? Base64(string text)
        {
            return System.Buffers.Text.Base64.IsValid(text) ? null : $"illegal base64 data in \"{(text.Length > 20 ? text[..20] + "..." : text)}\"";
        }

        // Go names a number that does not fit an integer field by its text.
        private static string GoValue(JsonNode value, ValueKind target) => value switch
        {
            JsonObject => "object",
            JsonArray => "array",
            _ => value.GetValueKind() switch
            {
                JsonValueKind.String => "string",
                JsonValueKind.Number when target is ValueKind.Integer32 or ValueKind.Integer64 or ValueKind.IntOrString => $"number {value.ToJsonString()}",
                JsonValueKind.Number => "number",
                _ => "bool",
            },
        };
    }
}
