using System.ComponentModel;
using System.ComponentModel.DataAnnotations;

namespace LlmOperator.Api.V1Alpha1;

/// <summary>Evaluate the canary against its gates; a failed gate aborts the rollout.</summary>
public sealed class EvaluateStep
{
    /// <summary>Names of EvaluationGates in the same namespace; all must pass.</summary>
    [Required, MinLength(1), MaxLength(16)]
    public List<string> Gates { get; set; } = [];

    /// <summary>What an Inconclusive verdict (too few cases for the asked confidence) does: pause, fail or pass.</summary>
    [DefaultValue(InconclusivePolicy.Pause)]
    public InconclusivePolicy OnInconclusive { get; set; } = InconclusivePolicy.Pause;
}
