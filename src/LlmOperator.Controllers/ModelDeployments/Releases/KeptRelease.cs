using k8s.Models;
using LlmOperator.Api.V1Alpha1;
using LlmOperator.Controllers.Common;

namespace LlmOperator.Controllers.ModelDeployments.Releases;

/// <summary>What a ModelDeployment's release ConfigMap keeps: the revision and the gates it has per-case results of.</summary>
/// <param name="Revision">The revision those results released.</param>
/// <param name="Gates">The gates, each a key GATE.json.</param>
internal sealed record KeptRelease(string Revision, IReadOnlyList<string> Gates)
{
    /// <summary>The annotation of the release ConfigMap that names the revision.</summary>
    public const string RevisionAnnotation = WellKnownLabels.Revision;

    /// <summary>What <paramref name="configMap"/> keeps, or null for none (or one without its revision).</summary>
    public static KeptRelease? Of(V1ConfigMap? configMap) =>
        configMap?.Metadata.Annotations?.TryGetValue(RevisionAnnotation, out var revision) == true
            ? new KeptRelease(
                revision,
                [.. (configMap.Data?.Keys ?? []).Where(k => k.EndsWith(".json", StringComparison.Ordinal)).Select(k => k[..^5]).Order(StringComparer.Ordinal)])
            : null;

    /// <summary>Where a run finds <paramref name="gate"/>'s results of this release in <paramref name="model"/>'s ConfigMap.</summary>
    public ReleaseBaselineReference Reference(string model, string gate) => new()
    {
        Results = new ConfigMapKeyReference { Name = ModelDeploymentNames.ReleaseConfigMap(model), Key = ModelDeploymentNames.ReleaseKey(gate) },
        Revision = Revision,
    };
}
