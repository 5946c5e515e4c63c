using LlmOperator.Api.V1Alpha1;
using LlmOperator.Pipelines.Compiling;

namespace LlmOperator.Controllers.Common;

/// <summary>A pipeline built on a model or prompt, and the gates that judge the pipeline: its evaluate steps' and its schedule's.</summary>
/// <param name="Pipeline">The pipeline ModelDeployment.</param>
/// <param name="Gates">Its gates, in the order its spec names them.</param>
internal sealed record Dependent(ModelDeployment Pipeline, IReadOnlyList<string> Gates)
{
    /// <summary>
    /// The pipelines among <paramref name="models"/> that call <paramref name="model"/> and have gates,
    /// unless its rollout ignores its dependents.
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
    /// The pipelines among <paramref name="models"/> that render the prompt of <paramref name="version"/>
    /// and have gates, unless the version ignores its dependents.
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
        return [.. models
            .Where(p => p.Metadata.Name != exclude && p.Spec.Pipeline is { } spec && uses(PipelineReferences.Of(spec)))
            .OrderBy(p => p.Metadata.Name, StringComparer.Ordinal)
            .Select(p => new Dependent(p, ModelGates.Of(p.Spec)))
            .Where(d => d.Gates.Count > 0)];
    }
}
