using LlmOperator.Api.Graphs;
using LlmOperator.Api.V1Alpha1;
using LlmOperator.Pipelines.Compiling;

namespace LlmOperator.Controllers.Common;

/// <summary>
/// A pipeline built on a model or prompt, directly or through other pipelines, and the gates that judge
/// the pipeline: its evaluate steps' and its schedule's.
/// </summary>
/// <param name="Pipeline">The pipeline ModelDeployment.</param>
/// <param name="Gates">Its gates, in the order its spec names them.</param>
/// <param name="Inline">
/// The pipelines it reaches the model or prompt through, by name: an evaluation executes them itself, so
/// that the candidate replaces the model or prompt inside them too. Empty when it uses them directly.
/// </param>
internal sealed record Dependent(ModelDeployment Pipeline, IReadOnlyList<string> Gates, IReadOnlyDictionary<string, PipelineSpec> Inline)
{
    /// <summary>
    /// The pipelines among <paramref name="models"/> that call <paramref name="model"/>, directly or through
    /// other pipelines among them, and have gates, unless its rollout ignores its dependents.
    /// </summary>
    public static IReadOnlyList<Dependent> Of(ModelDeployment model, IEnumerable<ModelDeployment> models)
    {
        ArgumentNullException.ThrowIfNull(model);
        var name = model.Metadata.Name;
        return model.Spec.Rollout?.Dependents == DependentsPolicy.Ignore
            ? []
            : Of(models, spec => spec.ModelRefs.Contains(name, StringComparer.Ordinal), exclude: name);
    }

    /// <summary>
    /// The pipelines among <paramref name="models"/> that render the prompt of <paramref name="version"/>,
    /// directly or through other pipelines among them, and have gates, unless the version ignores its dependents.
    /// </summary>
    public static IReadOnlyList<Dependent> Of(PromptVersionSpec version, IEnumerable<ModelDeployment> models)
    {
        ArgumentNullException.ThrowIfNull(version);
        return version.Dependents == DependentsPolicy.Ignore
            ? []
            : Of(models, spec => spec.PromptNames.Contains(version.PromptName, StringComparer.Ordinal), exclude: null);
    }

    private static List<Dependent> Of(IEnumerable<ModelDeployment> models, Func<PipelineReferences, bool> uses, string? exclude)
    {
        ArgumentNullException.ThrowIfNull(models);
        var pipelines = models
            .Where(p => p.Metadata.Name != exclude && p.Spec.Pipeline is not null)
            .ToDictionary(p => p.Metadata.Name, p => (Model: p, References: PipelineReferences.Of(p.Spec.Pipeline!)), StringComparer.Ordinal);

        // Those that use it themselves, then each that calls one of those, until no more are found.
        var users = pipelines.Where(p => uses(p.Value.References)).Select(p => p.Key).ToHashSet(StringComparer.Ordinal);
        var found = users.Count;
        do
        {
            found = users.Count;
            users.UnionWith(pipelines.Where(p => p.Value.References.ModelRefs.Any(users.Contains)).Select(p => p.Key));
        }
        while (users.Count > found);

        // A pipeline that calls itself does not serve (it says so in its own status), so it judges nothing;
        // nor does one that reaches the candidate through more pipelines than a run carries (RunPipeline.MaxInline).
        return [.. users
            .Where(p => CallCycle.From(p, CallsOf) is null)
            .Order(StringComparer.Ordinal)
            .Select(p => new Dependent(pipelines[p].Model, ModelGates.Of(pipelines[p].Model.Spec), Through(p)))
            .Where(d => d.Gates.Count > 0 && d.Inline.Count <= RunPipeline.MaxInline)];

        IEnumerable<string>? CallsOf(string name) => pipelines.TryGetValue(name, out var p) ? p.References.ModelRefs : null;

        // Every user this one reaches: each lies on a path from it to the model or prompt.
        Dictionary<string, PipelineSpec> Through(string top)
        {
            var through = new Dictionary<string, PipelineSpec>(StringComparer.Ordinal);
            var next = new Queue<string>(pipelines[top].References.ModelRefs);
            while (next.TryDequeue(out var name))
            {
                if (name != top && users.Contains(name) && through.TryAdd(name, pipelines[name].Model.Spec.Pipeline!))
                {
                    foreach (var called in pipelines[name].References.ModelRefs)
                    {
                        next.Enqueue(called);
                    }
                }
            }

            return through;
        }
    }
}
