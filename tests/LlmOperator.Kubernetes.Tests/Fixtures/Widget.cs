using k8s.Models;
using LlmOperator.Api.V1Alpha1;

namespace LlmOperator.Kubernetes.Tests.Fixtures;

/// <summary>A custom resource that exists only for the runtime's tests (its CRD is widgets-crd.yaml).</summary>
[KubernetesEntity(Group = "test.llmoperator.io", ApiVersion = "v1", Kind = "Widget", PluralName = "widgets")]
public sealed class Widget : CustomResource<WidgetSpec, WidgetStatus>
{
    public static Widget Create(string ns, string name, int size = 1) => new()
    {
        Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = ns },
        Spec = new WidgetSpec { Size = size },
    };
}

public sealed class WidgetSpec
{
    public int Size { get; set; }

    public string? Color { get; set; }
}

public sealed class WidgetStatus
{
    public long? ObservedGeneration { get; set; }

    public int? SeenSize { get; set; }

    public string? Note { get; set; }

    public List<Condition>? Conditions { get; set; }
}
