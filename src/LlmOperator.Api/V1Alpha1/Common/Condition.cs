using System.ComponentModel.DataAnnotations;

namespace LlmOperator.Api.V1Alpha1;

/// <summary>One aspect of an object's current state, in the shape of Kubernetes' metav1.Condition.</summary>
public sealed class Condition
{
    /// <summary>The condition's type in CamelCase, for example Available or EvaluationsPassing.</summary>
    [Required, MaxLength(316), RegularExpression(Patterns.ConditionType)]
    public string Type { get; set; } = "";

    /// <summary>Whether the condition holds: True, False or Unknown.</summary>
    [Required]
    public ConditionStatus Status { get; set; }

    /// <summary>The generation of the object that the condition was computed from.</summary>
    [Range(0, long.MaxValue)]
    public long? ObservedGeneration { get; set; }

    /// <summary>When the condition last changed from one status to another.</summary>
    [Required]
    public DateTime LastTransitionTime { get; set; }

    /// <summary>A CamelCase, machine-readable reason for the last transition, for example EvaluationFailed.</summary>
    [Required, MaxLength(1024), RegularExpression(Patterns.ConditionReason)]
    public string Reason { get; set; } = "";

    /// <summary>A human-readable account of the transition.</summary>
    [MaxLength(32768)]
    public string? Message { get; set; }
}
