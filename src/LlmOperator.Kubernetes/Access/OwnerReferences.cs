using k8s;
using k8s.Models;

namespace LlmOperator.Kubernetes.Access;

/// <summary>Owner references: which object controls a child, so that watches of children reach their owner and garbage collection follows.</summary>
public static class OwnerReferences
{
    /// <summary>A controller reference to <paramref name="owner"/> (controller and blockOwnerDeletion set).</summary>
    public static V1OwnerReference ControllerReference(IKubernetesObject<V1ObjectMeta> owner)
    {
        ArgumentNullException.ThrowIfNull(owner);
        var kind = ResourceKind.Of(owner.GetType());
        return new V1OwnerReference
        {
            ApiVersion = string.IsNullOrEmpty(owner.ApiVersion) ? kind.ApiVersion : owner.ApiVersion,
            Kind = string.IsNullOrEmpty(owner.Kind) ? kind.Kind : owner.Kind,
            Name = owner.Metadata.Name,
            Uid = owner.Metadata.Uid ?? throw new ArgumentException("The owner has no uid: read it from the API first.", nameof(owner)),
            Controller = true,
            BlockOwnerDeletion = true,
        };
    }

    /// <summary>
    /// Makes <paramref name="owner"/> the controller of <paramref name="child"/>. Throws when another
    /// object already controls it: two controllers fighting over one child is a bug to surface.
    /// </summary>
    public static void SetController(IKubernetesObject<V1ObjectMeta> child, IKubernetesObject<V1ObjectMeta> owner)
    {
        ArgumentNullException.ThrowIfNull(child);
        var reference = ControllerReference(owner);
        if (ControllerOf(child) is { } existing && existing.Uid != reference.Uid)
        {
            throw new InvalidOperationException($"{child.Metadata.Name} is already controlled by {existing.Kind} {existing.Name}.");
        }

        child.Metadata.OwnerReferences = [.. (child.Metadata.OwnerReferences ?? []).Where(r => r.Uid != reference.Uid), reference];
    }

    /// <summary>The reference to the object that controls <paramref name="child"/>, if any.</summary>
    public static V1OwnerReference? ControllerOf(IKubernetesObject<V1ObjectMeta> child)
    {
        ArgumentNullException.ThrowIfNull(child);
        return child.Metadata?.OwnerReferences?.FirstOrDefault(r => r.Controller == true);
    }

    /// <summary>Whether <paramref name="owner"/> controls <paramref name="child"/>.</summary>
    public static bool IsControlledBy(IKubernetesObject<V1ObjectMeta> child, IKubernetesObject<V1ObjectMeta> owner)
    {
        ArgumentNullException.ThrowIfNull(owner);
        return ControllerOf(child)?.Uid is { } uid && uid == owner.Metadata?.Uid;
    }
}
