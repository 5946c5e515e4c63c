using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using LlmOperator.Api.Json;
using LlmOperator.Manifests.Schema;

namespace LlmOperator.Sandbox.Server.Strategies;

/// <summary>The API server's checks of names, ports and keys inside built-in objects, with its messages.</summary>
internal static partial class ValueRules
{
    private const string Dns1123LabelMessage =
        "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric "
        + "character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')";

    private const string Dns1035LabelMessage =
        "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an "
        + "alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')";

    private const string EnvVarNameMessage =
        "a valid environment variable name must consist of alphabetic characters, digits, '_', '-', or '.', and must not start with a digit "
        + "(e.g. 'my.env-name',  or 'MY_ENV.NAME',  or 'MyEnvName1', regex used for validation is '[-._a-zA-Z][-._a-zA-Z0-9]*')";

    private const string ConfigKeyMessage =
        "a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', "
        + "regex used for validation is '[-._a-zA-Z0-9]+')";

    /// <summary>A DNS-1123 label (container names, namespace names): at most 63 characters.</summary>
    public static IEnumerable<FieldError> Dns1123Label(string path, JsonNode? value) =>
        Text(value) is { } text && (text.Length > 63 || !Dns1123().IsMatch(text))
            ? [new FieldError(path, FieldErrorType.Invalid, text.Length > 63 ? "must be no more than 63 characters" : Dns1123LabelMessage, value, true)]
            : [];

    /// <summary>A DNS-1035 label (Service names): starts with a letter.</summary>
    public static IEnumerable<FieldError> Dns1035Label(string path, JsonNode? value) =>
        Text(value) is { } text && (text.Length > 63 || !Dns1035().IsMatch(text))
            ? [new FieldError(path, FieldErrorType.Invalid, text.Length > 63 ? "must be no more than 63 characters" : Dns1035LabelMessage, value, true)]
            : [];

    /// <summary>A port number, 1 to 65535.</summary>
    public static IEnumerable<FieldError> PortNumber(string path, JsonNode? value) =>
        JsonKinds.TryGetInteger(value, out var port) && port is < 1 or > 65535
            ? [new FieldError(path, FieldErrorType.Invalid, "must be between 1 and 65535, inclusive", value, showValue: true)]
            : [];

    /// <summary>A port given by number or by an IANA service name (targetPort, probe ports).</summary>
    public static IEnumerable<FieldError> PortNumberOrName(string path, JsonNode? value) =>
        Text(value) is { } name ? PortName(path, value, name) : PortNumber(path, value);

    /// <summary>A port's name: an IANA service name.</summary>
    public static IEnumerable<FieldError> PortName(string path, JsonNode? value) =>
        Text(value) is { } name ? PortName(path, value, name) : [];

    /// <summary>TCP, UDP or SCTP.</summary>
    public static IEnumerable<FieldError> Protocol(string path, JsonNode? value) =>
        Text(value) is { } text && text is not ("TCP" or "UDP" or "SCTP")
            ? [new FieldError(path, FieldErrorType.NotSupported, "supported values: \"SCTP\", \"TCP\", \"UDP\"", value, showValue: true)]
            : [];

    /// <summary>An environment variable's name.</summary>
    public static IEnumerable<FieldError> EnvVarName(string path, JsonNode? value) =>
        Text(value) is { } text && !EnvVar().IsMatch(text) ? [new FieldError(path, FieldErrorType.Invalid, EnvVarNameMessage, value, true)] : [];

    /// <summary>The keys of a ConfigMap's or Secret's data.</summary>
    public static IEnumerable<FieldError> ConfigKeys(string path, JsonNode? map) =>
        (map as JsonObject ?? []).Where(e => e.Key.Length > 253 || !ConfigKey().IsMatch(e.Key) || e.Key is "." or "..")
            .Select(e => new FieldError($"{path}[{e.Key}]", FieldErrorType.Invalid, ConfigKeyMessage, JsonValue.Create(e.Key), showValue: true));

    // IANA_SVC_NAME: at most 15 lower-case letters, digits and single inner hyphens, with a letter.
    private static IEnumerable<FieldError> PortName(string path, JsonNode? value, string name)
    {
        string? problem = name.Length > 15 ? "must be no more than 15 characters"
            : !SvcName().IsMatch(name) ? "must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)"
            : name.Contains("--", StringComparison.Ordinal) ? "must not contain consecutive hyphens"
            : name.StartsWith('-') || name.EndsWith('-') ? "must not begin or end with a hyphen"
            : !name.Any(char.IsAsciiLetterLower) ? "must contain at least one letter (a-z)"
            : null;
        return problem is null ? [] : [new FieldError(path, FieldErrorType.Invalid, problem, value, showValue: true)];
    }

    private static string? Text(JsonNode? value) => JsonKinds.IsString(value) ? value!.GetValue<string>() : null;

    [GeneratedRegex("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$")]
    private static partial Regex Dns1123();

    [GeneratedRegex("^[a-z]([-a-z0-9]*[a-z0-9])?$")]
    private static partial Regex Dns1035();

    [GeneratedRegex("^[-._a-zA-Z][-._a-zA-Z0-9]*$")]
    private static partial Regex EnvVar();

    [GeneratedRegex("^[-._a-zA-Z0-9]+$")]
    private static partial Regex ConfigKey();

    [GeneratedRegex("^[-a-z0-9]+$")]
    private static partial Regex SvcName();
}
