using System.ComponentModel.DataAnnotations;
using LlmOperator.Api.Markers;

namespace LlmOperator.Api.V1Alpha1;

/// <summary>
/// An LLM application stitched from other ModelDeployments and prompts, served by llmop router behind
/// the same OpenAI-compatible endpoint as any model: steps run in order, each output is
/// steps.NAME.output to the steps after it.
/// </summary>
[CelRule("self.steps.all(s, self.steps.exists_one(t, t.name == s.name))", "step names must be unique", FieldPath = ".steps")]
public sealed class PipelineSpec
{
    /// <summary>The steps, in the order they run.</summary>
    [Required, MinLength(1), MaxLength(32)]
    public List<PipelineStep> Steps { get; set; } = [];

    /// <summary>
    /// The answer, a Liquid template over input, vars and steps (for example {{ steps.answer.output }});
    /// by default the last step's output.
    /// </summary>
    [MaxLength(8192)]
    public string? Output { get; set; }

    /// <summary>How long one request through the whole pipeline may take, for example 60s.</summary>
    [RegularExpression(Patterns.Duration)]
    public string? Timeout { get; set; }

    /// <summary>How many requests one router replica serves at once; more wait.</summary>
    [Range(1, 10000)]
    public int? MaxConcurrency { get; set; }
}
