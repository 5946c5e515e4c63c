using LlmOperator.Sandbox.Resources;

namespace LlmOperator.Sandbox.Server.Strategies;

/// <summary>The strategy of each built-in kind that has one.</summary>
public sealed class ResourceStrategies
{
    private readonly Dictionary<(string Group, string Kind), ResourceStrategy> _byKind = new()
    {
        [("", "Namespace")] = new NamespaceStrategy(),
        [("", "Service")] = new ServiceStrategy(),
        [("", "Secret")] = new SecretStrategy(),
        [("", "ConfigMap")] = new ConfigMapStrategy(),
        [("", "Pod")] = new PodStrategy(),
        [("apps", "Deployment")] = new DeploymentStrategy(isDeployment: true),
        [("apps", "ReplicaSet")] = new DeploymentStrategy(isDeployment: false),
        [("batch", "Job")] = new JobStrategy(),
        [("apiextensions.k8s.io", "CustomResourceDefinition")] = new CustomResourceDefinitionStrategy(),
    };

    /// <summary>The strategy for a type; custom resources and plain kinds get the default.</summary>
    public ResourceStrategy For(ResourceType type) =>
        type.IsCustom ? ResourceStrategy.Plain : _byKind.GetValueOrDefault((type.Group, type.Kind), ResourceStrategy.Plain);
}
