using System.ComponentModel.DataAnnotations;

namespace LlmOperator.Api.V1Alpha1;

/// <summary>
/// A pipeline the evaluation executes itself, as it would serve, with some components replaced: how a
/// component's candidate is judged by the pipelines built on it.
/// </summary>
public sealed class RunPipeline
{
    /// <summary>The pipeline ModelDeployment.</summary>
    [Required, MaxLength(253), RegularExpression(Patterns.DnsSubdomain)]
    public string Name { get; set; } = "";

    /// <summary>Its spec.pipeline when the run was created.</summary>
    [Required]
    public PipelineSpec Spec { get; set; } = new();

    /// <summary>Endpoints that replace components, by ModelDeployment name (the candidate under test).</summary>
    public Dictionary<string, ComponentEndpoint>? Overrides { get; set; }

    /// <summary>Prompt versions that replace the active ones, by prompt name (a prompt candidate under test).</summary>
    public Dictionary<string, int>? PromptVersions { get; set; }

    /// <summary>
    /// Pipelines among its components, by ModelDeployment name, that the evaluation executes itself (with
    /// the same overrides and prompt versions) instead of calling their routers: those through which it
    /// reaches the component or prompt under test.
    /// </summary>
    [MaxLength(MaxInline)]
    public Dictionary<string, PipelineSpec>? Inline { get; set; }

    /// <summary>The most pipelines a run executes inline.</summary>
    public const int MaxInline = 8;
}
