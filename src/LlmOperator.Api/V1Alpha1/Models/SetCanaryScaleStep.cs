using System.ComponentModel.DataAnnotations;
using LlmOperator.Api.Markers;

namespace LlmOperator.Api.V1Alpha1;

/// <summary>How many canary replicas to run, independent of its traffic weight.</summary>
[CelRule("size(self) == 1", "setCanaryScale takes exactly one of replicas, weight, matchTrafficWeight")]
public sealed class SetCanaryScaleStep
{
    /// <summary>An absolute number of canary replicas.</summary>
    [Range(0, 1000)]
    public int? Replicas { get; set; }

    /// <summary>A percentage of spec.replicas.</summary>
    [Range(0, 100)]
    public int? Weight { get; set; }

    /// <summary>Go back to scaling the canary with its traffic weight.</summary>
    public bool? MatchTrafficWeight { get; set; }
}
