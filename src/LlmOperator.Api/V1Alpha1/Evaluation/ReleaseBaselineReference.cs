using System.ComponentModel.DataAnnotations;

namespace LlmOperator.Api.V1Alpha1;

/// <summary>Where a run finds the per-case results of a release: a key of the ModelDeployment's release ConfigMap.</summary>
public sealed class ReleaseBaselineReference
{
    /// <summary>The ConfigMap and the key (the gate's, <c>GATE.json</c>) of the results.</summary>
    [Required]
    public ConfigMapKeyReference Results { get; set; } = new();

    /// <summary>The revision those results released.</summary>
    [Required, MaxLength(63)]
    public string Revision { get; set; } = "";
}
