using System.ComponentModel.DataAnnotations;

namespace LlmOperator.Api.V1Alpha1;

/// <summary>A hosted OpenAI-compatible endpoint, so that switching a hosted model or provider is gated like any release.</summary>
public sealed class ExternalEndpoint
{
    /// <summary>The OpenAI base URL, for example https://api.openai.com/v1.</summary>
    [Required, MaxLength(2048), RegularExpression(Patterns.HttpUrl)]
    public string BaseUrl { get; set; } = "";

    /// <summary>The Secret key holding the API key, sent as a bearer token.</summary>
    public SecretKeyReference? ApiKeySecretRef { get; set; }
}
