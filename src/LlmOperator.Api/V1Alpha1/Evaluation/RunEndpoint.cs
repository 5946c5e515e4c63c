using System.ComponentModel.DataAnnotations;

namespace LlmOperator.Api.V1Alpha1;

/// <summary>A resolved endpoint an evaluation sends requests to.</summary>
public sealed class RunEndpoint
{
    /// <summary>The OpenAI base URL.</summary>
    [Required, MaxLength(2048), RegularExpression(Patterns.HttpUrl)]
    public string Url { get; set; } = "";

    /// <summary>The model name to request.</summary>
    [Required, MaxLength(512)]
    public string Model { get; set; } = "";

    /// <summary>The ModelDeployment revision behind the endpoint.</summary>
    [MaxLength(256)]
    public string? Revision { get; set; }

    /// <summary>The prompt version the cases render through, when the gate has a promptRef.</summary>
    [Range(1, int.MaxValue)]
    public int? PromptVersion { get; set; }

    /// <summary>The Secret key holding the endpoint's API key.</summary>
    public SecretKeyReference? ApiKeySecretRef { get; set; }

    /// <summary>A pipeline to execute in the evaluation instead of calling the URL, which then only names it.</summary>
    public RunPipeline? Pipeline { get; set; }

    /// <summary>Token prices of this endpoint's model; overrides the gate's execution.pricing.</summary>
    public ModelPricing? Pricing { get; set; }
}
