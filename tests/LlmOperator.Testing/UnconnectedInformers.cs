using LlmOperator.Kubernetes.Informers;
using Microsoft.Extensions.Logging.Abstractions;

namespace LlmOperator.Testing;

/// <summary>Informers of a term that never list or watch: what a unit test hands to <c>ITermMemory.StartTerm</c>.</summary>
public static class UnconnectedInformers
{
    public static SharedInformers Create() => new(
        new k8s.Kubernetes(new k8s.KubernetesClientConfiguration { Host = "https://127.0.0.1:1" }),
        [],
        new ReflectorOptions(),
        TimeProvider.System,
        null,
        NullLoggerFactory.Instance);
}
