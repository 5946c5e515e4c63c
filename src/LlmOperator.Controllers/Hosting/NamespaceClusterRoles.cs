using k8s.Models;
using LlmOperator.Controllers.Common;
using LlmOperator.Controllers.EvaluationRuns;
using LlmOperator.Controllers.ModelDeployments.Pipelines;

namespace LlmOperator.Controllers.Hosting;

/// <summary>
/// The ClusterRoles installed with the operator for the pods it runs in each namespace (evaluation Jobs and pipeline
/// routers), named as the options name them: what the chart and kustomize install, for hosts that install the operator
/// themselves (llmop sandbox), since RBAC denies those pods everything their binding's role does not grant.
/// </summary>
public static class NamespaceClusterRoles
{
    /// <summary>The evaluation and router ClusterRoles.</summary>
    public static IReadOnlyList<V1ClusterRole> For(ControllerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return [EvaluationJobs.ClusterRole(options.EvaluationClusterRole), RouterPods.ClusterRole(options.RouterClusterRole)];
    }
}
