using k8s;
using LlmOperator.Kubernetes.Access;

namespace LlmOperator.Cli;

/// <summary>
/// A KubernetesClient for a command that talks to a cluster, found the way the operator finds it
/// (<see cref="ClusterConfiguration"/>), and the namespace the command works in by default.
/// </summary>
internal sealed class ClusterConnection : IDisposable
{
    private readonly k8s.Kubernetes _client;

    private ClusterConnection(KubernetesClientConfiguration configuration)
    {
        _client = ClusterConfiguration.Connect(configuration, "llmop");
        Server = configuration.Host;
        DefaultNamespace = string.IsNullOrEmpty(configuration.Namespace) ? "default" : configuration.Namespace;
    }

    /// <summary>The client.</summary>
    public IKubernetes Client => _client;

    /// <summary>The API server's address, for messages.</summary>
    public string Server { get; }

    /// <summary>The namespace of the kubeconfig's current context (or the pod's, in a cluster), else <c>default</c>, as kubectl picks it.</summary>
    public string DefaultNamespace { get; }

    /// <summary>
    /// Connects with the kubeconfig at <paramref name="kubeconfig"/>, or the default one when null; throws KubeConfigException
    /// when it cannot be loaded.
    /// </summary>
    public static ClusterConnection Open(string? kubeconfig) => new(ClusterConfiguration.Load(kubeconfig));

    public void Dispose() => _client.Dispose();
}
