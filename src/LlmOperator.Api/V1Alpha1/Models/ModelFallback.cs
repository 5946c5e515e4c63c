using System.ComponentModel.DataAnnotations;

namespace LlmOperator.Api.V1Alpha1;

/// <summary>What serves instead of a drifted stable revision, with spec.evaluation.onDrift: fallback.</summary>
public sealed class ModelFallback
{
    /// <summary>
    /// Another ModelDeployment of the namespace, for example the provider's dated snapshot of the same model or an
    /// open model in the cluster. It must be Healthy, and not serve a fallback itself.
    /// </summary>
    [Required]
    public LocalObjectReference ModelRef { get; set; } = new();
}
