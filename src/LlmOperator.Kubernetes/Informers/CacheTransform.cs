using k8s;
using k8s.Models;

namespace LlmOperator.Kubernetes.Informers;

/// <summary>
/// What the informers drop from every object before caching it, as controller-runtime's default transform
/// does: metadata.managedFields (server-side apply's bookkeeping, often larger than the object) and kubectl's
/// last-applied-configuration annotation (a second copy of the object). No reconciler reads either, and none
/// writes a cached object back whole: updates are merge patches of the fields a reconciler changed, so what
/// was dropped here is never dropped on the server. The metadata strings that repeat across objects (kind,
/// namespace, labels, owners' names and uids) are made one instance each through <see cref="StringPool"/>.
/// </summary>
internal static class CacheTransform
{
    /// <summary>The annotation kubectl apply keeps its last input in.</summary>
    public const string LastAppliedAnnotation = "kubectl.kubernetes.io/last-applied-configuration";

    /// <summary>Drops the fields from <paramref name="obj"/> in place and returns it.</summary>
    public static T Strip<T>(T obj)
        where T : IKubernetesObject<V1ObjectMeta>
    {
        if (obj?.Metadata is { } metadata)
        {
            metadata.ManagedFields = null;
            if (metadata.Annotations is { } annotations && annotations.Remove(LastAppliedAnnotation) && annotations.Count == 0)
            {
                metadata.Annotations = null;
            }

            obj.ApiVersion = StringPool.Share(obj.ApiVersion);
            obj.Kind = StringPool.Share(obj.Kind);
            metadata.NamespaceProperty = StringPool.Share(metadata.NamespaceProperty);
            // An owner's name and uid recur in each object it owns (a ModelDeployment's in its Deployment and Services).
            metadata.Name = StringPool.Share(metadata.Name);
            metadata.Uid = StringPool.Share(metadata.Uid);
            metadata.Labels = StringPool.Share(metadata.Labels);
            metadata.Annotations = StringPool.Share(metadata.Annotations);
            foreach (var owner in metadata.OwnerReferences ?? [])
            {
                owner.ApiVersion = StringPool.Share(owner.ApiVersion);
                owner.Kind = StringPool.Share(owner.Kind);
                owner.Name = StringPool.Share(owner.Name);
                owner.Uid = StringPool.Share(owner.Uid);
            }
        }

        return obj!;
    }
}
