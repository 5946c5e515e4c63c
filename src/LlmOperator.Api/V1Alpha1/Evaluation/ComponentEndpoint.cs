using System.ComponentModel.DataAnnotations;

namespace LlmOperator.Api.V1Alpha1;

/// <summary>Where a run reaches a pipeline's component instead of where the component serves.</summary>
public sealed class ComponentEndpoint
{
    /// <summary>The OpenAI base URL.</summary>
    [Required, MaxLength(2048), RegularExpression(Patterns.HttpUrl)]
    public string Url { get; set; } = "";

    /// <summary>The model name to request.</summary>
    [Required, MaxLength(512)]
    public string Model { get; set; } = "";

    /// <summary>The Secret key holding the endpoint's API key.</summary>
    public SecretKeyReference? ApiKeySecretRef { get; set; }
}
