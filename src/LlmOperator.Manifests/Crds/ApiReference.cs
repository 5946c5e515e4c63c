using System.Text;
using System.Text.Json.Nodes;

namespace LlmOperator.Manifests.Crds;

/// <summary>
/// The API reference in Markdown, rendered from the generated CRDs so that it says exactly what the API
/// server enforces: every field with its type, constraints, default and description, and the CEL rules.
/// </summary>
public static class ApiReference
{
    /// <summary>Where the reference is checked in, relative to the repository root.</summary>
    public static readonly string DefaultPath = Path.Combine("docs", "api-reference.md");

    /// <summary>The reference for every generated CRD.</summary>
    public static string Render() => Render(CrdGenerator.GenerateAll());

    /// <summary>The reference for the given CRDs, in their order.</summary>
    public static string Render(IReadOnlyList<JsonObject> crds)
    {
        ArgumentNullException.ThrowIfNull(crds);
        var text = new StringBuilder();
        text.Append("<!-- ").Append(CrdFiles.Header.TrimStart('#', ' ').TrimEnd()).AppendLine(" -->");
        text.AppendLine("# API reference: llmoperator.io/v1alpha1").AppendLine();
        text.AppendLine("Every field the API server accepts, with the constraints it enforces (the CRDs' OpenAPI schemas")
            .AppendLine("and CEL rules). `kubectl explain` shows the same descriptions. Required fields are marked **required**.")
            .AppendLine();
        foreach (var crd in crds)
        {
            var names = crd["spec"]!["names"]!;
            var kind = (string)names["kind"]!;
            text.Append("- [").Append(kind).Append("](#").Append(kind.ToLowerInvariant()).AppendLine(")");
        }

        foreach (var crd in crds)
        {
            WriteKind(text, crd);
        }

        return text.ToString();
    }

    /// <summary>Writes the reference file and returns its path.</summary>
    public static string Write(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (Path.GetDirectoryName(path) is { Length: > 0 } directory)
        {
            Directory.CreateDirectory(directory);
        }

        File.WriteAllText(path, Render());
        return path;
    }

    private static void WriteKind(StringBuilder text, JsonObject crd)
    {
        var spec = crd["spec"]!;
        var names = spec["names"]!;
        var version = spec["versions"]![0]!;
        var schema = version["schema"]!["openAPIV3Schema"]!.AsObject();
        var shortNames = names["shortNames"]?.AsArray().Select(n => $"`{n}`") ?? [];
        text.AppendLine().Append("## ").AppendLine((string)names["kind"]!).AppendLine();
        if (schema["description"] is { } description)
        {
            text.AppendLine(OneLine((string)description!)).AppendLine();
        }

        text.Append("`apiVersion: ").Append((string)spec["group"]!).Append('/').Append((string)version["name"]!)
            .Append("`, namespaced, `kubectl get ").Append((string)names["plural"]!).Append('`');
        if (shortNames.Any())
        {
            text.Append(" (short: ").Append(string.Join(", ", shortNames)).Append(')');
        }

        text.AppendLine(".").AppendLine();
        if (version["additionalPrinterColumns"] is JsonArray columns)
        {
            text.Append("Columns of `kubectl get`: ")
                .AppendLine(string.Join(", ", columns.Select(c => $"{c!["name"]} (`{c["jsonPath"]}`{(c["priority"] is null ? "" : ", -o wide")})")) + ".")
                .AppendLine();
        }

        WriteRules(text, schema, "the object");
        text.AppendLine("| Field | Type | Description |").AppendLine("|---|---|---|");
        foreach (var part in new[] { "spec", "status" })
        {
            if (schema["properties"]?[part] is JsonObject property)
            {
                WriteField(text, part, property, required: IsRequired(schema, part));
            }
        }
    }

    private static void WriteField(StringBuilder text, string path, JsonObject schema, bool required)
    {
        var cell = new List<string>();
        if (required)
        {
            cell.Add("**required**");
        }

        if (schema["description"] is { } description)
        {
            cell.Add(Escape(OneLine((string)description!)));
        }

        cell.AddRange(Constraints(schema));
        cell.AddRange(Rules(schema).Select(Escape));
        text.Append("| `").Append(path).Append("` | ").Append(TypeOf(schema)).Append(" | ").Append(string.Join(" ", cell)).AppendLine(" |");

        var (children, childPath) = schema["type"]?.GetValue<string>() == "array" && schema["items"] is JsonObject items
            ? (items, path + "[]")
            : schema["additionalProperties"] is JsonObject values && values["properties"] is not null
                ? (values, path + ".*")
                : (schema, path);
        if (children["properties"] is JsonObject properties)
        {
            foreach (var (name, child) in properties)
            {
                WriteField(text, $"{childPath}.{name}", child!.AsObject(), IsRequired(children, name));
            }
        }
    }

    private static void WriteRules(StringBuilder text, JsonObject schema, string subject)
    {
        foreach (var rule in Rules(schema))
        {
            text.Append("Rule on ").Append(subject).Append(": ").AppendLine(rule).AppendLine();
        }
    }

    private static IEnumerable<string> Rules(JsonObject schema) =>
        schema["x-kubernetes-validations"]?.AsArray().Select(r => $"Rule `{r!["rule"]}`: {r["message"] ?? "must hold"}.") ?? [];

    private static string TypeOf(JsonObject schema)
    {
        if (schema["x-kubernetes-int-or-string"]?.GetValue<bool>() == true)
        {
            return "integer or string";
        }

        var type = schema["type"]?.GetValue<string>() ?? "any";
        return type switch
        {
            "array" when schema["items"] is JsonObject items => $"array of {TypeOf(items)}",
            "object" when schema["additionalProperties"] is JsonObject values => $"map of {TypeOf(values)}",
            "object" when schema["properties"] is null && schema["x-kubernetes-preserve-unknown-fields"]?.GetValue<bool>() == true => "object (any fields)",
            _ when schema["format"] is { } format => $"{type} ({format})",
            _ => type,
        };
    }

    private static bool IsRequired(JsonObject parent, string name) =>
        parent["required"]?.AsArray().Any(r => (string?)r == name) == true;

    private static IEnumerable<string> Constraints(JsonObject schema)
    {
        if (schema["enum"] is JsonArray values)
        {
            yield return $"One of: {string.Join(", ", values.Select(v => $"`{v}`"))}.";
        }

        if (schema["default"] is { } fallback)
        {
            yield return $"Default: `{fallback.ToJsonString()}`.";
        }

        var bounds = new (string Key, string Text)[]
        {
            ("minimum", "minimum"), ("maximum", "maximum"), ("minLength", "min length"), ("maxLength", "max length"),
            ("minItems", "min items"), ("maxItems", "max items"), ("pattern", "pattern"),
        };
        var present = bounds.Where(b => schema[b.Key] is not null)
            .Select(b => $"{b.Text} `{Escape(schema[b.Key]!.ToJsonString().Trim('"'))}`")
            .ToList();
        if (present.Count > 0)
        {
            yield return $"Limits: {string.Join(", ", present)}.";
        }

        if (schema["x-kubernetes-list-type"]?.GetValue<string>() == "map" && schema["x-kubernetes-list-map-keys"] is JsonArray keys)
        {
            yield return $"Items are unique by {string.Join(", ", keys.Select(k => $"`{k}`"))}.";
        }
    }

    private static string OneLine(string text) => string.Join(' ', text.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries));

    // A pipe ends a table cell in Markdown; backslashes in patterns and rules are kept as written.
    private static string Escape(string text) => text.Replace("|", "\\|", StringComparison.Ordinal);
}
