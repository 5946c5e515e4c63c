using System.ComponentModel.DataAnnotations;

namespace LlmOperator.Api.V1Alpha1;

/// <summary>One chat message.</summary>
public sealed class PromptMessage
{
    /// <summary>Who speaks: system, user or assistant.</summary>
    [Required]
    public MessageRole Role { get; set; }

    /// <summary>The text, a Liquid template over the prompt's variables.</summary>
    [Required, MaxLength(65536)]
    public string Content { get; set; } = "";
}
