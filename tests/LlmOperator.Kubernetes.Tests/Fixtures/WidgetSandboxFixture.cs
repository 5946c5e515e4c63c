using k8s;
using LlmOperator.Kubernetes.Access;
using LlmOperator.Kubernetes.Informers;
using LlmOperator.Testing;

namespace LlmOperator.Kubernetes.Tests.Fixtures;

/// <summary>A sandbox with the test-only Widget kind installed.</summary>
public class WidgetSandboxFixture : SandboxFixture
{
    /// <summary>Informer settings short enough for tests: quick backoff, watches of a few seconds.</summary>
    public static ReflectorOptions FastInformers => new()
    {
        WatchTimeout = TimeSpan.FromSeconds(5),
        IdleTimeout = TimeSpan.FromSeconds(3),
        InitialBackoff = TimeSpan.FromMilliseconds(50),
        MaxBackoff = TimeSpan.FromSeconds(1),
    };

    /// <summary>Typed access to Widgets.</summary>
    public ResourceClient<Widget> Widgets => new(Client);

    /// <summary>A KubernetesClient of its own (the fixture's is shared by tests that dispose theirs).</summary>
    public IKubernetes NewClient() => new k8s.Kubernetes(KubernetesClientConfiguration.BuildConfigFromConfigFile(KubeconfigPath));

    /// <inheritdoc />
    protected override IReadOnlyList<string> InitialManifests => [Path.Combine("tests", "LlmOperator.Kubernetes.Tests", "Fixtures", "widgets-crd.yaml")];
}
