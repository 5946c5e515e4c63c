using System.Text.Json.Nodes;
using LlmOperator.Api.Json;

namespace LlmOperator.Manifests.Validation;

/// <summary>
/// Checks that need every file at once, the ones a Git review wants before Argo CD syncs: every gate a
/// rollout or prompt names is defined, no object is defined twice, and no prompt version is defined
/// twice under different object names.
/// </summary>
internal static class CrossReferenceChecks
{
    /// <summary>The findings across a set of objects.</summary>
    public static IEnumerable<Diagnostic> Check(IReadOnlyList<ManifestObject> objects)
    {
        ArgumentNullException.ThrowIfNull(objects);
        return DuplicateObjects(objects).Concat(DuplicatePromptVersions(objects)).Concat(MissingGates(objects));
    }

    private static IEnumerable<Diagnostic> DuplicateObjects(IReadOnlyList<ManifestObject> objects)
    {
        var first = new Dictionary<(string, string, string), ManifestObject>();
        foreach (var manifest in objects.Where(o => o.Name is not null))
        {
            if (!first.TryAdd((manifest.Kind, manifest.Namespace, manifest.Name!), manifest))
            {
                yield return manifest.Finding("metadata.name",
                    $"Duplicate value: \"{manifest.Name}\": {manifest.Subject} is also defined at " +
                        $"{first[(manifest.Kind, manifest.Namespace, manifest.Name!)].Location}");
            }
        }
    }

    private static IEnumerable<Diagnostic> DuplicatePromptVersions(IReadOnlyList<ManifestObject> objects)
    {
        var first = new Dictionary<(string, string, long), ManifestObject>();
        foreach (var prompt in objects.Where(o => o.Kind == "PromptVersion"))
        {
            if (Text(prompt.Content["spec"]?["promptName"]) is not { } promptName
                || !JsonKinds.TryGetInteger(prompt.Content["spec"]?["version"], out var number))
            {
                continue;
            }

            if (!first.TryAdd((prompt.Namespace, promptName, number), prompt))
            {
                var other = first[(prompt.Namespace, promptName, number)];
                yield return prompt.Finding("spec.version",
                    $"Duplicate value: {number}: prompt \"{promptName}\" version {number} is also defined by {other.Subject} at {other.Location}");
            }
        }
    }

    private static IEnumerable<Diagnostic> MissingGates(IReadOnlyList<ManifestObject> objects)
    {
        var gates = objects.Where(o => o.Kind == "EvaluationGate" && o.Name is not null)
            .Select(o => (o.Namespace, o.Name!))
            .ToHashSet();
        foreach (var manifest in objects)
        {
            foreach (var (path, gate) in GateReferences(manifest))
            {
                if (!gates.Contains((manifest.Namespace, gate)))
                {
                    yield return manifest.Finding(path,
                        $"Not found: \"{gate}\": no EvaluationGate named \"{gate}\"{InNamespace(manifest.Namespace)} is defined in these files");
                }
            }
        }
    }

    private static IEnumerable<(string Path, string Gate)> GateReferences(ManifestObject manifest)
    {
        var spec = manifest.Content["spec"];
        switch (manifest.Kind)
        {
            case "ModelDeployment":
                if (spec?["rollout"]?["steps"] is JsonArray steps)
                {
                    for (var i = 0; i < steps.Count; i++)
                    {
                        foreach (var reference in Names(steps[i]?["evaluate"]?["gates"], $"spec.rollout.steps[{i}].evaluate.gates"))
                        {
                            yield return reference;
                        }
                    }
                }

                foreach (var reference in Names(spec?["evaluation"]?["gates"], "spec.evaluation.gates"))
                {
                    yield return reference;
                }

                break;
            case "PromptVersion":
                foreach (var reference in Names(spec?["gates"], "spec.gates"))
                {
                    yield return reference;
                }

                break;
        }
    }

    private static IEnumerable<(string Path, string Name)> Names(JsonNode? list, string path) =>
        list is JsonArray array
            ? array.Select((item, i) => (Path: $"{path}[{i}]", Name: Text(item))).Where(r => r.Name is not null).Select(r => (r.Path, r.Name!))
            : [];

    private static string? Text(JsonNode? node) => JsonKinds.IsString(node) ? node!.GetValue<string>() : null;

    private static string InNamespace(string ns) => ns.Length == 0 ? "" : $" in namespace {ns}";
}
