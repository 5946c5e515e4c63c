using k8s.Models;
using LlmOperator.Api.V1Alpha1;

namespace LlmOperator.Controllers.Common;

/// <summary>
/// The service accounts the operator makes in the namespaces it serves, for pods that talk to the API
/// (evaluation Jobs, pipeline routers): each bound by a RoleBinding of its own name to a ClusterRole
/// installed with the operator, which the operator may bind but does not need to hold beyond it.
/// </summary>
internal static class NamespaceAccounts
{
    /// <summary>The service account evaluation Jobs run as.</summary>
    public const string Evaluation = "llmop-eval";

    /// <summary>The service account pipeline routers run as.</summary>
    public const string Router = "llmop-router";

    /// <summary>A service account in a namespace.</summary>
    public static V1ServiceAccount Account(string name, string ns) => new()
    {
        ApiVersion = "v1",
        Kind = "ServiceAccount",
        Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = ns, Labels = ManagedLabels() },
    };

    /// <summary>The binding of <paramref name="clusterRole"/> to the service account <paramref name="name"/> in one namespace.</summary>
    public static V1RoleBinding Binding(string name, string ns, string clusterRole) => new()
    {
        ApiVersion = "rbac.authorization.k8s.io/v1",
        Kind = "RoleBinding",
        Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = ns, Labels = ManagedLabels() },
        RoleRef = new V1RoleRef { ApiGroup = "rbac.authorization.k8s.io", Kind = "ClusterRole", Name = clusterRole },
        Subjects = [new Rbacv1Subject { Kind = "ServiceAccount", Name = name, NamespaceProperty = ns }],
    };

    /// <summary>A ClusterRole with <paramref name="rules"/>, as the chart and kustomize install it.</summary>
    public static V1ClusterRole ClusterRole(string name, params V1PolicyRule[] rules) => new()
    {
        ApiVersion = "rbac.authorization.k8s.io/v1",
        Kind = "ClusterRole",
        Metadata = new V1ObjectMeta { Name = name, Labels = ManagedLabels() },
        Rules = [.. rules],
    };

    /// <summary>One rule: verbs on a resource of a group.</summary>
    public static V1PolicyRule Rule(string group, string resource, params string[] verbs) =>
        new() { ApiGroups = [group], Resources = [resource], Verbs = [.. verbs] };

    private static Dictionary<string, string> ManagedLabels() => new() { [WellKnownLabels.ManagedBy] = WellKnownLabels.ManagedByOperator };
}
