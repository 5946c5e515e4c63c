using System.Text;
using System.Text.Json.Nodes;
using LlmOperator.Api.Json;
using LlmOperator.Api.Text;
using LlmOperator.Manifests.Schema;
using LlmOperator.Manifests.Yaml;

namespace LlmOperator.Manifests.Validation;

/// <summary>
/// Validates manifests offline with the schemas and CEL rules the CRDs carry, then checks what only a
/// view of all files together can: references between objects and duplicates. Documents of kinds
/// outside the schema set's groups are skipped with a note. <paramref name="crossReferences"/> false checks
/// each object alone, for tools that resolve references their own way (llmop eval maps components to URLs).
/// </summary>
public sealed class ManifestValidator(KindSchemaSet schemas, bool crossReferences = true)
{
    private readonly SchemaValidator _validator = new(new CelRuleEvaluator());

    /// <summary>
    /// Validates the files together. The objects of <paramref name="context"/> (the rest of a repository, when
    /// only the files a commit changes are validated) are only looked up by the checks across files: what they
    /// define is found, what is wrong with them is not reported.
    /// </summary>
    public ValidationReport Validate(IReadOnlyList<ManifestFile> files, IReadOnlyList<ManifestFile>? context = null)
    {
        ArgumentNullException.ThrowIfNull(files);
        var diagnostics = new List<Diagnostic>();
        var objects = new List<ManifestObject>();
        foreach (var file in files)
        {
            var fileDiagnostics = new List<Diagnostic>();
            if (file.Content is null)
            {
                fileDiagnostics.Add(new Diagnostic(file.Path, null, null, null, file.Refusal ?? "could not be read", DiagnosticSeverity.Error));
            }
            else
            {
                foreach (var document in file.Content.Documents)
                {
                    ValidateDocument(file.Path, document, fileDiagnostics, objects);
                }

                if (file.Content.Error is { } syntax)
                {
                    fileDiagnostics.Add(new Diagnostic(file.Path, syntax.Line, null, null, $"invalid YAML: {syntax.Message}", DiagnosticSeverity.Error));
                }
            }

            diagnostics.AddRange(fileDiagnostics);
        }

        if (crossReferences)
        {
            var validated = files.Select(f => Path.GetFullPath(f.Path)).ToHashSet(StringComparer.Ordinal);
            var known = new List<ManifestObject>();
            foreach (var document in (context ?? []).Where(f => !validated.Contains(Path.GetFullPath(f.Path))).SelectMany(Documents))
            {
                ValidateDocument(document.File, document.Document, [], known);
            }

            diagnostics.AddRange(CrossReferenceChecks.Check(objects, known));
        }

        var fileOrder = files.Select((f, i) => (f.Path, i)).ToDictionary(p => p.Path, p => p.i, StringComparer.Ordinal);
        var ordered = diagnostics.OrderBy(d => fileOrder.GetValueOrDefault(d.File)).ThenBy(d => d.Line ?? 0).ToList();
        return new ValidationReport(ordered, files.Count, objects.Count);
    }

    private static IEnumerable<(string File, YamlDocument Document)> Documents(ManifestFile file) =>
        (file.Content?.Documents ?? []).Select(d => (file.Path, d));

    private void ValidateDocument(string file, YamlDocument document, List<Diagnostic> diagnostics, List<ManifestObject> objects)
    {
        if (document.Root is null)
        {
            return;
        }

        var documentSubject = $"document {document.Index}";
        if (document.Root is not JsonObject root)
        {
            diagnostics.Add(new Diagnostic(file, document.StartLine, documentSubject, null,
                $"must be a mapping of fields (an object), not {Article(JsonKinds.TypeName(document.Root))}", DiagnosticSeverity.Error));
            return;
        }

        if (root["apiVersion"] is null && root["kind"] is null)
        {
            // A values file, a CI or pre-commit configuration: YAML that is no Kubernetes object at all.
            diagnostics.Add(new Diagnostic(file, document.StartLine, documentSubject, null,
                "skipped: not a Kubernetes object (it has no apiVersion and no kind)", DiagnosticSeverity.Note));
            return;
        }

        var apiVersion = RequiredText(root, "apiVersion");
        var kind = RequiredText(root, "kind");
        if (apiVersion is null || kind is null)
        {
            foreach (var (field, value) in new[] { ("apiVersion", apiVersion), ("kind", kind) }.Where(f => f.Item2 is null))
            {
                var detail = root[field] is null
                    ? "Required value: every Kubernetes object needs apiVersion and kind"
                    : $"Invalid value: {FieldError.Render(root[field])}: must be of type string";
                diagnostics.Add(new Diagnostic(file, document.LineOf(field), documentSubject, field, detail, DiagnosticSeverity.Error));
            }

            return;
        }

        var manifest = new ManifestObject(file, document, root, kind);
        var group = apiVersion.Contains('/', StringComparison.Ordinal) ? apiVersion[..apiVersion.IndexOf('/', StringComparison.Ordinal)] : "";
        if (!schemas.Groups.Contains(group))
        {
            diagnostics.Add(manifest.Finding("", $"skipped: {apiVersion} {kind} is not a kind llmop validates", DiagnosticSeverity.Note));
            return;
        }

        if (schemas.Find(apiVersion, kind) is not { } kindSchema)
        {
            diagnostics.Add(UnsupportedKind(manifest, group, apiVersion, kind));
            return;
        }

        var size = Encoding.UTF8.GetByteCount(root.ToJsonString());
        if (size > ManifestLimits.MaxObjectBytes)
        {
            diagnostics.Add(manifest.Finding("",
                $"object is {ManifestLoader.Mebibytes(size)} as JSON; " +
                    $"the API server stores at most {ManifestLoader.Mebibytes(ManifestLimits.MaxObjectBytes)}"));
            return;
        }

        diagnostics.AddRange(ObjectMetaValidator.Validate(root["metadata"], kindSchema.Namespaced).Select(manifest.Finding));
        SchemaDefaulter.Apply(root, kindSchema.Schema);
        diagnostics.AddRange(_validator.ValidateResource(root, null, kindSchema.Schema).Select(manifest.Finding));
        objects.Add(manifest);
    }

    private Diagnostic UnsupportedKind(ManifestObject manifest, string group, string apiVersion, string kind)
    {
        var inGroup = schemas.All.Where(k => k.Group == group).ToList();
        if (inGroup.Any(k => k.Kind == kind))
        {
            var versions = string.Join(", ", inGroup.Where(k => k.Kind == kind).Select(k => $"\"{k.ApiVersion}\""));
            return manifest.Finding("apiVersion", $"Unsupported value: \"{apiVersion}\": supported values: {versions}");
        }

        var kinds = inGroup.Select(k => k.Kind).Distinct().ToList();
        var suggestion = EditDistance.Suggest(kind, kinds);
        var hint = suggestion is null ? "" : $"; did you mean \"{suggestion}\"?";
        return manifest.Finding("kind", $"Unsupported value: \"{kind}\": supported values: {string.Join(", ", kinds.Select(k => $"\"{k}\""))}{hint}");
    }

    private static string? RequiredText(JsonObject root, string field) =>
        root[field] is JsonValue value && JsonKinds.IsString(value) && value.GetValue<string>().Length > 0 ? value.GetValue<string>() : null;

    private static string Article(string typeName) => typeName is "array" or "object" ? $"an {typeName}" : $"a {typeName}";
}
