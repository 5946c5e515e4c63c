using System.ComponentModel.DataAnnotations;

namespace LlmOperator.Api.V1Alpha1;

/// <summary>The object an EvaluationRun judges.</summary>
public sealed class EvaluationTarget
{
    /// <summary>ModelDeployment or PromptVersion.</summary>
    [Required]
    public EvaluationTargetKind Kind { get; set; }

    /// <summary>The object's name.</summary>
    [Required, MaxLength(253), RegularExpression(Patterns.DnsSubdomain)]
    public string Name { get; set; } = "";

    /// <summary>The revision (or prompt version) of the object the run judges.</summary>
    [MaxLength(256)]
    public string? Revision { get; set; }
}
