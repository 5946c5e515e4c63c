using k8s.Models;
using LlmOperator.Api.V1Alpha1;
using LlmOperator.Controllers.Common;

namespace LlmOperator.Controllers.ModelDeployments.Pipelines;

/// <summary>
/// What a pipeline's router pods may do: read the ConfigMaps of their namespace, where prompts are
/// published, and the ModelDeployments they call, whose status says where each serves; nothing else.
/// The ClusterRole is installed with the operator, which binds it per namespace to the service account
/// the routers run as. API keys reach them as environment variables from the components' Secrets.
/// </summary>
internal static class RouterPods
{
    /// <summary>The ClusterRole router pods need, and no more (the chart and kustomize carry the same rules).</summary>
    public static V1ClusterRole ClusterRole(string name) => NamespaceAccounts.ClusterRole(
        name, NamespaceAccounts.Rule("", "configmaps", "get"), NamespaceAccounts.Rule(ApiGroup.Name, "modeldeployments", "get"));

    /// <summary>The environment variable of a router pod that holds <paramref name="component"/>'s API key.</summary>
    public static string KeyVariable(string component) =>
        "LLMOP_API_KEY_" + component.ToUpperInvariant().Replace('-', '_').Replace('.', '_');

    /// <summary>The variable of a router pod that carries <paramref name="component"/>'s API key from its Secret.</summary>
    public static V1EnvVar Key(string component, SecretKeyReference secret) => new()
    {
        Name = KeyVariable(component),
        ValueFrom = new V1EnvVarSource { SecretKeyRef = new V1SecretKeySelector { Name = secret.Name, Key = secret.Key } },
    };

    /// <summary>The service account routers run as in one namespace.</summary>
    public static V1ServiceAccount Account(string ns) => NamespaceAccounts.Account(NamespaceAccounts.Router, ns);

    /// <summary>The binding of the router ClusterRole to that service account.</summary>
    public static V1RoleBinding Binding(string ns, string clusterRole) => NamespaceAccounts.Binding(NamespaceAccounts.Router, ns, clusterRole);
}
