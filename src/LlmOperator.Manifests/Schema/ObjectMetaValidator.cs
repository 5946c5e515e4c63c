using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using LlmOperator.Api.Json;

namespace LlmOperator.Manifests.Schema;

/// <summary>
/// The checks the API server applies to every object's metadata, with its messages: names are DNS
/// subdomains, namespaces DNS labels, label keys qualified names and label values short and plain.
/// </summary>
public static partial class ObjectMetaValidator
{
    private const string SubdomainMessage =
        "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', " +
        "and must start and end with an alphanumeric character (e.g. 'example.com', " +
        "regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";

    private const string LabelMessage =
        "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', " +
        "and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', " +
        "regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')";

    private const string LabelValueMessage =
        "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', " +
        "and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', " +
        "regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')";

    private const string QualifiedNameMessage =
        "name part must consist of alphanumeric characters, '-', '_' or '.', " +
        "and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', " +
        "regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')";

    /// <summary>The problems with an object's metadata; <paramref name="namespaced"/> says whether a namespace may be set.</summary>
    public static IReadOnlyList<FieldError> Validate(JsonNode? metadata, bool namespaced = true)
    {
        var errors = new List<FieldError>();
        if (metadata is not JsonObject meta)
        {
            errors.Add(metadata is null
                ? new FieldError("metadata.name", FieldErrorType.Required, "name or generateName is required")
                : new FieldError("metadata", FieldErrorType.Invalid, "must be of type object", metadata, showValue: true));
            return errors;
        }

        var name = Text(meta, "name", errors);
        var generateName = Text(meta, "generateName", errors);
        if (string.IsNullOrEmpty(name) && string.IsNullOrEmpty(generateName))
        {
            errors.Add(new FieldError("metadata.name", FieldErrorType.Required, "name or generateName is required"));
        }
        else if (!string.IsNullOrEmpty(name))
        {
            CheckSubdomain("metadata.name", name, errors);
        }

        if (Text(meta, "namespace", errors) is { Length: > 0 } ns)
        {
            if (!namespaced)
            {
                errors.Add(new FieldError("metadata.namespace", FieldErrorType.Forbidden, "not allowed on this type"));
            }
            else if (ns.Length > 63 || !DnsLabel().IsMatch(ns))
            {
                errors.Add(new FieldError("metadata.namespace", FieldErrorType.Invalid, LabelMessage, ns, showValue: true));
            }
        }

        CheckStringMap(meta["labels"], "metadata.labels", checkValue: true, errors);
        CheckStringMap(meta["annotations"], "metadata.annotations", checkValue: false, errors);
        return errors;
    }

    /// <summary>The problems with a label map outside an object's own metadata, for example a pod template's.</summary>
    public static IReadOnlyList<FieldError> ValidateLabels(JsonNode? labels, string path)
    {
        var errors = new List<FieldError>();
        CheckStringMap(labels, path, checkValue: true, errors);
        return errors;
    }

    /// <summary>Whether a name is a valid DNS-1123 subdomain (the rule for most object names).</summary>
    public static bool IsSubdomain(string name) => name.Length <= 253 && Subdomain().IsMatch(name);

    private static void CheckSubdomain(string path, string name, List<FieldError> errors)
    {
        if (name.Length > 253)
        {
            errors.Add(new FieldError(path, FieldErrorType.Invalid, "must be no more than 253 characters", name, showValue: true));
        }
        else if (!Subdomain().IsMatch(name))
        {
            errors.Add(new FieldError(path, FieldErrorType.Invalid, SubdomainMessage, name, showValue: true));
        }
    }

    private static void CheckStringMap(JsonNode? strings, string path, bool checkValue, List<FieldError> errors)
    {
        switch (strings)
        {
            case null:
                return;
            case JsonObject map:
                foreach (var (key, value) in map)
                {
                    CheckQualifiedName(path, key, errors);
                    if (!JsonKinds.IsString(value))
                    {
                        errors.Add(new FieldError($"{path}.{key}", FieldErrorType.Invalid, "must be of type string", value, showValue: true));
                    }
                    else if (checkValue && value!.GetValue<string>() is var text && (text.Length > 63 || !LabelValue().IsMatch(text)))
                    {
                        errors.Add(new FieldError(path, FieldErrorType.Invalid,
                            text.Length > 63 ? "must be no more than 63 characters" : LabelValueMessage, value, showValue: true));
                    }
                }

                return;
            default:
                errors.Add(new FieldError(path, FieldErrorType.Invalid, "must be of type object", strings, showValue: true));
                return;
        }
    }

    private static void CheckQualifiedName(string path, string key, List<FieldError> errors)
    {
        var slash = key.IndexOf('/', StringComparison.Ordinal);
        var (prefix, name) = slash < 0 ? (null, key) : (key[..slash], key[(slash + 1)..]);
        if (prefix is not null && (prefix.Length == 0 || !IsSubdomain(prefix)))
        {
            errors.Add(new FieldError(path, FieldErrorType.Invalid, "prefix part " + SubdomainMessage, key, showValue: true));
        }

        if (name.Length == 0 || name.Length > 63 || !QualifiedName().IsMatch(name))
        {
            errors.Add(new FieldError(path, FieldErrorType.Invalid,
                name.Length > 63 ? "name part must be no more than 63 characters" : QualifiedNameMessage, key, showValue: true));
        }
    }

    private static string? Text(JsonObject meta, string field, List<FieldError> errors)
    {
        var value = meta[field];
        if (value is null || JsonKinds.IsString(value))
        {
            return value?.GetValue<string>();
        }

        errors.Add(new FieldError($"metadata.{field}", FieldErrorType.Invalid, "must be of type string", value, showValue: true));
        return null;
    }

    [GeneratedRegex("^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$")]
    private static partial Regex Subdomain();

    [GeneratedRegex("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$")]
    private static partial Regex DnsLabel();

    [GeneratedRegex("^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$")]
    private static partial Regex LabelValue();

    [GeneratedRegex("^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$")]
    private static partial Regex QualifiedName();
}
