using k8s.Models;
using LlmOperator.Controllers.Common;

namespace LlmOperator.Controllers.ModelDeployments.Pipelines;

/// <summary>
/// What a pipeline's router pods may do: read the ConfigMaps of their namespace, where prompts are
/// published, and nothing else. The ClusterRole is installed with the operator, which binds it per
/// namespace to the service account the routers run as.
/// </summary>
internal static class RouterPods
{
    /// <summary>The ClusterRole router pods need, and no more (the chart and kustomize carry the same rules).</summary>
    public static V1ClusterRole ClusterRole(string name) => NamespaceAccounts.ClusterRole(name, NamespaceAccounts.Rule("", "configmaps", "get"));

    /// <summary>The service account routers run as in one namespace.</summary>
    public static V1ServiceAccount Account(string ns) => NamespaceAccounts.Account(NamespaceAccounts.Router, ns);

    /// <summary>The binding of the router ClusterRole to that service account.</summary>
    public static V1RoleBinding Binding(string ns, string clusterRole) => NamespaceAccounts.Binding(NamespaceAccounts.Router, ns, clusterRole);
}
