using k8s.Models;

namespace LlmOperator.Controllers.ModelDeployments;

/// <summary>The Deployments and Services a ModelDeployment controls, as the caches hold them.</summary>
/// <param name="Deployments">Its revision Deployments.</param>
/// <param name="Services">Its Services.</param>
internal sealed record ServingChildren(IReadOnlyList<V1Deployment> Deployments, IReadOnlyList<V1Service> Services);
