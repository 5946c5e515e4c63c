using System.ComponentModel.DataAnnotations;
using LlmOperator.Api.Markers;

namespace LlmOperator.Api.V1Alpha1;

/// <summary>A model used by an assertion: a ModelDeployment in the namespace, or any OpenAI-compatible URL.</summary>
[CelRule("has(self.modelRef) != has(self.url)", "a provider needs exactly one of modelRef or url")]
public sealed class ModelEndpointReference
{
    /// <summary>A ModelDeployment whose stable endpoint serves the model.</summary>
    public LocalObjectReference? ModelRef { get; set; }

    /// <summary>An OpenAI base URL.</summary>
    [MaxLength(2048), RegularExpression(Patterns.HttpUrl)]
    public string? Url { get; set; }

    /// <summary>The model name to request; defaults to the ModelDeployment's served name.</summary>
    [MaxLength(512)]
    public string? Model { get; set; }

    /// <summary>The Secret key holding the API key for url.</summary>
    public SecretKeyReference? ApiKeySecretRef { get; set; }
}
