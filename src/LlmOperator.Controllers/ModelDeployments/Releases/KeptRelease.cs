using k8s.Models;
using LlmOperator.Api.V1Alpha1;
using LlmOperator.Controllers.Common;

namespace LlmOperator.Controllers.ModelDeployments.Releases;

/// <summary>What a ModelDeployment's release ConfigMap keeps: the revision, the gates it has per-case results of, and the runs they come from.</summary>
/// <param name="Revision">The revision those results released.</param>
/// <param name="Gates">The gates, each a key GATE.json.</param>
/// <param name="Runs">The runs whose results they are.</param>
internal sealed record KeptRelease(string Revision, IReadOnlyList<string> Gates, IReadOnlyList<string> Runs)
{
    /// <summary>The annotation of the release ConfigMap that names the revision.</summary>
    public const string RevisionAnnotation = WellKnownLabels.Revision;

    /// <summary>The annotation of the release ConfigMap that names the runs, comma-separated.</summary>
    public const string RunsAnnotation = "llmoperator.io/release-runs";

    /// <summary>What <paramref name="configMap"/> keeps, or null for none (or one without its revision).</summary>
    public static KeptRelease? Of(V1ConfigMap? configMap) =>
        configMap?.Metadata.Annotations?.TryGetValue(RevisionAnnotation, out var revision) == true
            ? new KeptRelease(
                revision,
                [.. (configMap.Data?.Keys ?? []).Where(k => k.EndsWith(".json", StringComparison.Ordinal)).Select(k => k[..^5]).Order(StringComparer.Ordinal)],
                configMap.Metadata.Annotations.TryGetValue(RunsAnnotation, out var runs) ? runs.Split(',', StringSplitOptions.RemoveEmptyEntries) : [])
            : null;

    /// <summary>Where a run finds <paramref name="gate"/>'s results of this release in <paramref name="model"/>'s ConfigMap.</summary>
    public ReleaseBaselineReference Reference(string model, string gate) => new()
    {
        Results = new ConfigMapKeyReference { Name = ModelDeploymentNames.ReleaseConfigMap(model), Key = ModelDeploymentNames.ReleaseKey(gate) },
        Revision = Revision,
    };
}
