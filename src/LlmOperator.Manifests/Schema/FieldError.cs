using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace LlmOperator.Manifests.Schema;

/// <summary>One problem with one field, rendered the way Kubernetes renders field errors.</summary>
public sealed record FieldError
{
    /// <summary>Creates an error.</summary>
    public FieldError(string path, FieldErrorType type, string? detail = null, JsonNode? badValue = null, bool showValue = false)
    {
        Path = path;
        Type = type;
        Detail = detail;
        BadValue = showValue ? Render(badValue) : null;
    }

    /// <summary>The field's path, for example <c>spec.rollout.steps[0].setWeight</c>.</summary>
    public string Path { get; }

    /// <summary>What kind of problem it is.</summary>
    public FieldErrorType Type { get; }

    /// <summary>The offending value as Kubernetes prints it: strings quoted, objects as "object".</summary>
    public string? BadValue { get; }

    /// <summary>What is wrong, or what would be right.</summary>
    public string? Detail { get; }

    /// <summary>The error without its path, for example <c>Invalid value: 150: must be less than or equal to 100</c>.</summary>
    public string Body
    {
        get
        {
            var text = TypeName(Type);
            if (BadValue is not null)
            {
                text += ": " + BadValue;
            }

            return string.IsNullOrEmpty(Detail) ? text : text + ": " + Detail;
        }
    }

    /// <summary>The error with its path, for example <c>spec.replicas: Invalid value: -1: must be greater than or equal to 0</c>.</summary>
    public override string ToString() => $"{Path}: {Body}";

    /// <summary>The words Kubernetes uses for an error type.</summary>
    public static string TypeName(FieldErrorType type) => type switch
    {
        FieldErrorType.Required => "Required value",
        FieldErrorType.NotFound => "Not found",
        FieldErrorType.Invalid => "Invalid value",
        FieldErrorType.NotSupported => "Unsupported value",
        FieldErrorType.Duplicate => "Duplicate value",
        FieldErrorType.TooLong => "Too long",
        FieldErrorType.TooMany => "Too many",
        FieldErrorType.Forbidden => "Forbidden",
        FieldErrorType.UnknownField => "Unknown field",
        _ => "Internal error",
    };

    /// <summary>A value as an error message shows it; long strings are cut.</summary>
    public static string Render(JsonNode? value) => value switch
    {
        null => "null",
        JsonObject => "\"object\"",
        JsonArray => "\"array\"",
        JsonValue v when v.GetValueKind() == JsonValueKind.String => Quote(v.GetValue<string>()),
        _ => value.ToJsonString(),
    };

    private static string Quote(string text)
    {
        const int limit = 80;
        var shown = text.Length > limit ? text[..limit] + "..." : text;
        return JsonSerializer.Serialize(shown, QuoteOptions);
    }

    private static readonly JsonSerializerOptions QuoteOptions = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Formats a number without a trailing .0, as Kubernetes prints bounds.</summary>
    public static string Number(double value) => value.ToString("0.################", CultureInfo.InvariantCulture);
}
