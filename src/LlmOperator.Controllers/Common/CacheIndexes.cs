using k8s.Models;
using LlmOperator.Api.V1Alpha1;
using LlmOperator.Kubernetes.Access;
using LlmOperator.Kubernetes.Informers;

namespace LlmOperator.Controllers.Common;

/// <summary>
/// The cache indexes the controllers look objects up by, each keyed by the ModelDeployment the objects name: what
/// a reconcile or an event handler would otherwise find by reading every object of the namespace.
/// </summary>
internal static class CacheIndexes
{
    /// <summary>ModelDeployments by the model they name as their fallback.</summary>
    public static readonly CacheIndex<ModelDeployment> ByFallback = new(
        "ModelDeployments by fallback",
        m => m.Spec.Fallback is { } fallback ? [new ObjectKey(m.Metadata.NamespaceProperty, fallback.ModelRef.Name)] : []);

    /// <summary>PromptVersions by the model they run on.</summary>
    public static readonly CacheIndex<PromptVersion> ByModel = new(
        "PromptVersions by model",
        v => [new ObjectKey(v.Metadata.NamespaceProperty, v.Spec.ModelRef.Name)]);

    /// <summary>Model server pods by the ModelDeployment whose revision they run.</summary>
    public static readonly CacheIndex<V1Pod> PodsByModel = new(
        "pods by model",
        p => ModelDeploymentNames.Label(p, WellKnownLabels.Model) is { } model ? [new ObjectKey(p.Metadata.NamespaceProperty, model)] : []);
}
