using System.ComponentModel.DataAnnotations;

namespace LlmOperator.Api.V1Alpha1;

/// <summary>A prompt, by its promptName, whose messages render the cases.</summary>
public sealed class PromptReference
{
    /// <summary>The promptName of the PromptVersions to use.</summary>
    [Required, MaxLength(56), RegularExpression(Patterns.DnsLabel)]
    public string Name { get; set; } = "";
}
