using LlmOperator.Api.V1Alpha1;
using LlmOperator.Pipelines.Compiling;

namespace LlmOperator.Controllers.ModelDeployments.Pipelines;

/// <summary>A pipeline that calls a model, and the gates that judge the pipeline: its evaluate steps' and its schedule's.</summary>
/// <param name="Pipeline">The pipeline ModelDeployment.</param>
/// <param name="Gates">Its gates, in the order its spec names them.</param>
internal sealed record Dependent(ModelDeployment Pipeline, IReadOnlyList<string> Gates)
{
    /// <summary>
    /// The pipelines among <paramref name="callers"/> that call <paramref name="model"/> and have gates,
    /// unless the model's rollout ignores its dependents.
    /// </summary>
    public static IReadOnlyList<Dependent> Of(ModelDeployment model, IEnumerable<ModelDeployment> callers)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(callers);
        if (model.Spec.Rollout?.Dependents == DependentsPolicy.Ignore)
        {
            return [];
        }

        return [.. callers
            .Where(p => p.Metadata.Name != model.Metadata.Name && p.Spec.Pipeline is { } spec
                && PipelineReferences.Of(spec).ModelRefs.Contains(model.Metadata.Name, StringComparer.Ordinal))
            .OrderBy(p => p.Metadata.Name, StringComparer.Ordinal)
            .Select(p => new Dependent(p, GatesOf(p.Spec)))
            .Where(d => d.Gates.Count > 0)];
    }

    private static List<string> GatesOf(ModelDeploymentSpec spec) =>
    [
        .. (spec.Rollout?.Steps ?? []).Where(s => s.Evaluate is not null).SelectMany(s => s.Evaluate!.Gates)
            .Concat(spec.Evaluation?.Gates ?? [])
            .Distinct(StringComparer.Ordinal),
    ];
}
