using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using LlmOperator.Api.Markers;

namespace LlmOperator.Api.V1Alpha1;

/// <summary>The content of one prompt version: messages, variables, parameters and the model it runs on.</summary>
[CelRule("self == oldSelf", "a PromptVersion is immutable: commit a new version instead of editing this one")]
public sealed class PromptVersionSpec
{
    /// <summary>The prompt this is a version of; it names the published ConfigMap prompt-&lt;promptName&gt;.</summary>
    [Required, MaxLength(56), RegularExpression(Patterns.DnsLabel)]
    public string PromptName { get; set; } = "";

    /// <summary>The version number; the highest present is the desired version.</summary>
    [Required, Range(1, int.MaxValue)]
    public int Version { get; set; }

    /// <summary>The chat messages; each content is a Liquid template, for example "Answer: {{ question }}".</summary>
    [Required, MinLength(1), MaxLength(64)]
    public List<PromptMessage> Messages { get; set; } = [];

    /// <summary>The variables the templates use.</summary>
    [MaxLength(64), ListMap("name")]
    public List<PromptVariable>? Variables { get; set; }

    /// <summary>Sampling and output parameters sent with every request.</summary>
    public PromptParameters? Parameters { get; set; }

    /// <summary>The ModelDeployment this prompt runs on; candidates are evaluated on its stable endpoint.</summary>
    [Required]
    public LocalObjectReference ModelRef { get; set; } = new();

    /// <summary>Names of EvaluationGates a candidate version must pass before it becomes active.</summary>
    [MaxLength(16)]
    public List<string>? Gates { get; set; }

    /// <summary>
    /// evaluate (the default): the version must also pass the gates of every pipeline in the namespace
    /// that renders this prompt, executed with this version in place of the active one and paired against
    /// it. ignore: only spec.gates judge it.
    /// </summary>
    [DefaultValue(DependentsPolicy.Evaluate)]
    public DependentsPolicy Dependents { get; set; } = DependentsPolicy.Evaluate;

    /// <summary>Why this version exists, as in a commit message.</summary>
    [MaxLength(4096)]
    public string? CommitMessage { get; set; }
}
