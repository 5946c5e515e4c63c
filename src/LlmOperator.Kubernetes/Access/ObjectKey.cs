using k8s;
using k8s.Models;

namespace LlmOperator.Kubernetes.Access;

/// <summary>The namespace and name that identify an object of a known kind; the unit a controller reconciles.</summary>
/// <param name="Namespace">The namespace, or null for a cluster-scoped object.</param>
/// <param name="Name">The name.</param>
public readonly record struct ObjectKey(string? Namespace, string Name)
{
    /// <summary>The key of an object.</summary>
    public static ObjectKey Of(IKubernetesObject<V1ObjectMeta> obj)
    {
        ArgumentNullException.ThrowIfNull(obj);
        return new ObjectKey(string.IsNullOrEmpty(obj.Metadata?.NamespaceProperty) ? null : obj.Metadata.NamespaceProperty, obj.Metadata?.Name ?? "");
    }

    /// <summary>namespace/name, or name for a cluster-scoped object, as kubectl and client-go write keys.</summary>
    public override string ToString() => Namespace is null ? Name : $"{Namespace}/{Name}";
}
