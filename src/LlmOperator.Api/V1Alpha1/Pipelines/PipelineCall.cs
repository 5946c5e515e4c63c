using System.ComponentModel.DataAnnotations;
using LlmOperator.Api.Markers;

namespace LlmOperator.Api.V1Alpha1;

/// <summary>
/// A call of a ModelDeployment (a model, or another pipeline) through its Service: the messages come
/// from a prompt's active version, from inline messages, or else from the request itself.
/// </summary>
[CelRule("!(has(self.promptRef) && has(self.messages))", "a call takes its messages from promptRef or messages, not both")]
public sealed class PipelineCall
{
    /// <summary>The ModelDeployment to call.</summary>
    [Required]
    public LocalObjectReference ModelRef { get; set; } = new();

    /// <summary>A prompt, by its promptName, whose active version renders the messages with vars.</summary>
    public PromptReference? PromptRef { get; set; }

    /// <summary>Messages as Liquid templates over input, vars and steps.</summary>
    [MaxLength(32)]
    public List<PromptMessage>? Messages { get; set; }

    /// <summary>The prompt's variables, each a Liquid template over input, vars and steps (for example question: "{{ input }}").</summary>
    public Dictionary<string, string>? Vars { get; set; }

    /// <summary>Request parameters, over the prompt's own.</summary>
    public PromptParameters? Parameters { get; set; }

    /// <summary>
    /// A CEL rule over input, vars, steps and output (this call's answer): when it holds, the answer is
    /// not taken and the fallbacks are tried, as on an error or a timeout.
    /// </summary>
    [MaxLength(4096)]
    public string? Unless { get; set; }

    /// <summary>How long one attempt of this call may take, for example 20s.</summary>
    [RegularExpression(Patterns.Duration)]
    public string? Timeout { get; set; }

    /// <summary>Tried in order when the call fails, times out or its answer meets unless.</summary>
    [MaxLength(4)]
    public List<FallbackCall>? Fallback { get; set; }
}
