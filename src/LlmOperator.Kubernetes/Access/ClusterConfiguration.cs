using k8s;

namespace LlmOperator.Kubernetes.Access;

/// <summary>How every llmop command finds its cluster, so that they all agree.</summary>
public static class ClusterConfiguration
{
    /// <summary>
    /// The kubeconfig at <paramref name="kubeconfig"/> when given; else the pod's service account when
    /// running in a cluster; else the file $KUBECONFIG names; else ~/.kube/config.
    /// </summary>
    public static KubernetesClientConfiguration Load(string? kubeconfig)
    {
        if (kubeconfig is null && KubernetesClientConfiguration.IsInCluster())
        {
            return KubernetesClientConfiguration.InClusterConfig();
        }

        var path = kubeconfig
            ?? Environment.GetEnvironmentVariable("KUBECONFIG")?.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries).FirstOrDefault()
            ?? KubernetesClientConfiguration.KubeConfigDefaultLocation;
        return KubernetesClientConfiguration.BuildConfigFromConfigObject(KubeconfigFile.Read(path));
    }

    /// <summary>
    /// A client for <paramref name="configuration"/> whose requests name <paramref name="component"/> as their
    /// User-Agent, passing through <paramref name="observer"/> when given (the operator counts them).
    /// </summary>
    public static k8s.Kubernetes Connect(
        KubernetesClientConfiguration configuration, string component, string? identity = null, DelegatingHandler? observer = null) =>
        observer is null
            ? new(configuration, new UserAgentHandler(component, identity))
            : new(configuration, new UserAgentHandler(component, identity), observer);
}
