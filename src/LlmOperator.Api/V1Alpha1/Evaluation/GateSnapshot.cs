using System.ComponentModel.DataAnnotations;

namespace LlmOperator.Api.V1Alpha1;

/// <summary>An EvaluationGate as it was when a run was created.</summary>
public sealed class GateSnapshot
{
    /// <summary>The gate's name.</summary>
    [Required, MaxLength(253), RegularExpression(Patterns.DnsSubdomain)]
    public string Name { get; set; } = "";

    /// <summary>The SHA-256 of the gate's spec and dataset.</summary>
    [Required, RegularExpression(Patterns.Sha256)]
    public string Hash { get; set; } = "";

    /// <summary>The gate's spec.</summary>
    [Required]
    public EvaluationGateSpec Spec { get; set; } = new();
}
