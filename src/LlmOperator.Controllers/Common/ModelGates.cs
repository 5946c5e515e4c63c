using LlmOperator.Api.V1Alpha1;

namespace LlmOperator.Controllers.Common;

/// <summary>The gates a ModelDeployment names: those of its evaluate steps, then those of its schedule, each once.</summary>
internal static class ModelGates
{
    public static IReadOnlyList<string> Of(ModelDeploymentSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        return
        [
            .. (spec.Rollout?.Steps ?? []).Where(s => s.Evaluate is not null).SelectMany(s => s.Evaluate!.Gates)
                .Concat(spec.Evaluation?.Gates ?? [])
                .Distinct(StringComparer.Ordinal),
        ];
    }
}
