using k8s.Exceptions;
using k8s.KubeConfigModels;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace LlmOperator.Kubernetes.Access;

/// <summary>
/// Reads a kubeconfig file into KubernetesClient's model, as <c>KubernetesClientConfiguration.BuildConfigFromConfigFile</c>
/// does but with a YAML reader for the kubeconfig's own types. KubernetesClient's reader (KubernetesYaml) is built for
/// every Kubernetes model: its first use reflects over all of them and keeps the result, about 19 MB of every process
/// that loads a kubeconfig (an idle operator: 137 MB with a kubeconfig, 118 MB in a pod), and start-up time of every
/// llmop command (issue 20).
/// </summary>
public static class KubeconfigFile
{
    private static readonly IDeserializer Reader = new DeserializerBuilder()
        .WithNamingConvention(CamelCaseNamingConvention.Instance)
        .WithAttemptingUnquotedStringTypeDeserialization()
        .IgnoreUnmatchedProperties()
        .Build();

    /// <summary>
    /// The kubeconfig at <paramref name="path"/>; relative file paths in it are relative to its folder. Throws
    /// <see cref="KubeConfigException"/> when there is no such file, and YamlDotNet's exceptions when it is not a kubeconfig.
    /// </summary>
    public static K8SConfiguration Read(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var file = new FileInfo(path);
        if (!file.Exists)
        {
            throw new KubeConfigException($"kubeconfig file not found at {file.FullName}");
        }

        using var text = file.OpenText();
        var configuration = Reader.Deserialize<K8SConfiguration?>(text) ?? throw new KubeConfigException($"the kubeconfig {file.FullName} is empty");
        configuration.FileName = file.FullName;
        return configuration;
    }
}
