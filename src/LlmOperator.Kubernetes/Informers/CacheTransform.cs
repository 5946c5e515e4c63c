using k8s;
using k8s.Models;

namespace LlmOperator.Kubernetes.Informers;

/// <summary>
/// What the informers drop from every object before caching it, as controller-runtime's default transform
/// does: metadata.managedFields (server-side apply's bookkeeping, often larger than the object) and kubectl's
/// last-applied-configuration annotation (a second copy of the object). No reconciler reads either, and none
/// writes a cached object back whole: updates are merge patches of the fields a reconciler changed, so what
/// was dropped here is never dropped on the server.
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
        }

        return obj!;
    }
}
