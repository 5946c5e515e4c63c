using System.ComponentModel.DataAnnotations;
using LlmOperator.Api.Markers;

namespace LlmOperator.Api.V1Alpha1;

/// <summary>Another ModelDeployment to ask when a call fails: with the call's messages, unless it names its own.</summary>
[CelRule("!(has(self.promptRef) && has(self.messages))", "a fallback takes its messages from promptRef or messages, not both")]
public sealed class FallbackCall
{
    /// <summary>The ModelDeployment to call instead.</summary>
    [Required]
    public LocalObjectReference ModelRef { get; set; } = new();

    /// <summary>A prompt whose active version renders the messages, with the call's vars.</summary>
    public PromptReference? PromptRef { get; set; }

    /// <summary>Messages as Liquid templates over input, vars and steps.</summary>
    [MaxLength(32)]
    public List<PromptMessage>? Messages { get; set; }

    /// <summary>Request parameters, instead of the call's.</summary>
    public PromptParameters? Parameters { get; set; }
}
