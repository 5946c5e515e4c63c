using System.ComponentModel.DataAnnotations;

namespace LlmOperator.Api.V1Alpha1;

/// <summary>A pause in a rollout.</summary>
public sealed class PauseStep
{
    /// <summary>How long to wait, for example 10m. Without a duration the rollout waits for llmop promote.</summary>
    [MaxLength(64), RegularExpression(Patterns.Duration)]
    public string? Duration { get; set; }
}
