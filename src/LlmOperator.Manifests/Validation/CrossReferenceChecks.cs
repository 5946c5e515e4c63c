using System.Text.Json.Nodes;
using LlmOperator.Api.Graphs;
using LlmOperator.Api.Json;

namespace LlmOperator.Manifests.Validation;

/// <summary>
/// Checks that need every file at once, the ones a Git review wants before Argo CD syncs: every gate a
/// rollout or prompt names is defined, no object is defined twice, no prompt version is defined
/// twice under different object names, and every ModelDeployment and prompt a pipeline calls is defined
/// with no pipeline calling itself, directly or through others; every fallback a ModelDeployment names is
/// another ModelDeployment that is defined.
/// </summary>
internal static class CrossReferenceChecks
{
    /// <summary>
    /// The findings about <paramref name="objects"/> across them and the objects of <paramref name="context"/>, which
    /// are looked up (a gate they define is found, a name they use is a duplicate) but not reported on.
    /// </summary>
    public static IEnumerable<Diagnostic> Check(IReadOnlyList<ManifestObject> objects, IReadOnlyList<ManifestObject> context)
    {
        ArgumentNullException.ThrowIfNull(objects);
        ArgumentNullException.ThrowIfNull(context);
        // The context's files are other files than those validated, so a finding's file says whom it is about.
        var reported = objects.Select(o => o.File).ToHashSet(StringComparer.Ordinal);
        IReadOnlyList<ManifestObject> all = [.. context, .. objects];
        return DuplicateObjects(all).Concat(DuplicatePromptVersions(all)).Concat(MissingGates(all)).Concat(MissingComponents(all))
            .Concat(PipelineCycles(all)).Concat(WrongFallbacks(all))
            .Where(d => reported.Contains(d.File));
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

    private static IEnumerable<Diagnostic> MissingComponents(IReadOnlyList<ManifestObject> objects)
    {
        var models = objects.Where(o => o.Kind == "ModelDeployment" && o.Name is not null).Select(o => (o.Namespace, o.Name!)).ToHashSet();
        var prompts = objects.Where(o => o.Kind == "PromptVersion")
            .Select(o => (o.Namespace, Text(o.Content["spec"]?["promptName"])))
            .Where(p => p.Item2 is not null)
            .ToHashSet();
        foreach (var pipeline in objects.Where(o => o.Kind == "ModelDeployment"))
        {
            foreach (var (path, kind, name) in PipelineReferences(pipeline))
            {
                if (kind == "modelRef" && !models.Contains((pipeline.Namespace, name)))
                {
                    yield return pipeline.Finding(path,
                        $"Not found: \"{name}\": no ModelDeployment named \"{name}\"{InNamespace(pipeline.Namespace)} is defined in these files");
                }
                else if (kind == "promptRef" && !prompts.Contains((pipeline.Namespace, name)))
                {
                    yield return pipeline.Finding(path,
                        $"Not found: \"{name}\": no PromptVersion of prompt \"{name}\"{InNamespace(pipeline.Namespace)} is defined in these files");
                }
            }
        }
    }

    private static IEnumerable<Diagnostic> WrongFallbacks(IReadOnlyList<ManifestObject> objects)
    {
        var models = objects.Where(o => o.Kind == "ModelDeployment" && o.Name is not null).Select(o => (o.Namespace, o.Name!)).ToHashSet();
        foreach (var model in objects.Where(o => o.Kind == "ModelDeployment"))
        {
            if (Text(model.Content["spec"]?["fallback"]?["modelRef"]?["name"]) is not { } name)
            {
                continue;
            }

            if (name == model.Name)
            {
                yield return model.Finding("spec.fallback.modelRef.name",
                    $"Invalid value: \"{name}\": a ModelDeployment cannot be its own fallback");
            }
            else if (!models.Contains((model.Namespace, name)))
            {
                yield return model.Finding("spec.fallback.modelRef.name",
                    $"Not found: \"{name}\": no ModelDeployment named \"{name}\"{InNamespace(model.Namespace)} is defined in these files");
            }
        }
    }

    // A pipeline that reaches itself through the pipelines it calls would call itself for ever.
    private static IEnumerable<Diagnostic> PipelineCycles(IReadOnlyList<ManifestObject> objects)
    {
        var calls = objects.Where(o => o.Kind == "ModelDeployment" && o.Name is not null && o.Content["spec"]?["pipeline"] is JsonObject)
            .GroupBy(o => (o.Namespace, o.Name!))
            .ToDictionary(g => g.Key, g => g.First());
        foreach (var ((ns, name), pipeline) in calls)
        {
            var cycle = CallCycle.From(
                name, n => calls.TryGetValue((ns, n), out var p) ? PipelineReferences(p).Where(r => r.Kind == "modelRef").Select(r => r.Name) : null);
            if (cycle is not null)
            {
                yield return pipeline.Finding("spec.pipeline",
                    $"Invalid value: \"object\": the pipeline calls itself: {string.Join(" -> ", cycle)}");
            }
        }
    }

    // Every modelRef and promptRef of a pipeline's calls (fallbacks and judges included), with its path.
    private static IEnumerable<(string Path, string Kind, string Name)> PipelineReferences(ManifestObject manifest)
    {
        if (manifest.Content["spec"]?["pipeline"]?["steps"] is not JsonArray steps)
        {
            yield break;
        }

        for (var i = 0; i < steps.Count; i++)
        {
            var step = steps[i];
            var at = $"spec.pipeline.steps[{i}]";
            var calls = new List<(string, JsonNode?)> { ($"{at}.call", step?["call"]), ($"{at}.ensemble.judge", step?["ensemble"]?["judge"]) };
            calls.AddRange(Items(step?["switch"]).Select((c, j) => ($"{at}.switch[{j}].call", c?["call"])));
            calls.AddRange(Items(step?["ensemble"]?["calls"]).Select((c, j) => ($"{at}.ensemble.calls[{j}]", c)));
            foreach (var (path, call) in calls.Where(c => c.Item2 is JsonObject))
            {
                var targets = new List<(string, JsonNode?)> { (path, call) };
                targets.AddRange(Items(call!["fallback"]).Select((f, k) => ($"{path}.fallback[{k}]", f)));
                foreach (var (where, target) in targets)
                {
                    foreach (var kind in new[] { "modelRef", "promptRef" })
                    {
                        if (Text(target?[kind]?["name"]) is { } name)
                        {
                            yield return ($"{where}.{kind}.name", kind, name);
                        }
                    }
                }
            }
        }
    }

    private static IEnumerable<JsonNode?> Items(JsonNode? list) => list as JsonArray ?? [];

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
