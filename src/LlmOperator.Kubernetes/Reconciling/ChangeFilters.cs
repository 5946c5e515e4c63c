using k8s;
using k8s.Models;
using LlmOperator.Kubernetes.Access;
using LlmOperator.Kubernetes.Informers;

namespace LlmOperator.Kubernetes.Reconciling;

/// <summary>Pure decisions about which changes reach a controller's queue, and under which key.</summary>
internal static class ChangeFilters
{
    /// <summary>
    /// Whether a change of a primary object is worth a reconcile when generation filtering is on: adds and
    /// deletes always; updates when the generation moved (the spec changed), when the object has no
    /// generation, or when deletion, finalizers, labels or annotations changed. A status-only update (most
    /// often our own write) is dropped, which keeps a controller from waking itself up.
    /// </summary>
    public static bool GenerationChanged<T>(CacheChange<T> change)
        where T : class, IKubernetesObject<V1ObjectMeta>
    {
        if (change.Old is not { } old || change.New is not { } now)
        {
            return true;
        }

        var (before, after) = (old.Metadata, now.Metadata);
        return before.Generation is null or 0
            || before.Generation != after.Generation
            || before.DeletionTimestamp != after.DeletionTimestamp
            || !Same(before.Finalizers, after.Finalizers)
            || !Same(before.Labels, after.Labels)
            || !Same(before.Annotations, after.Annotations);
    }

    /// <summary>
    /// The key of the object of <paramref name="ownerKind"/> that controls <paramref name="child"/>
    /// (its controller owner reference), or null when none does. Owners live in the child's namespace.
    /// </summary>
    public static ObjectKey? ControllerOwnerKey(IKubernetesObject<V1ObjectMeta> child, ResourceKind ownerKind)
    {
        ArgumentNullException.ThrowIfNull(ownerKind);
        return OwnerReferences.ControllerOf(child) is { } owner && owner.Kind == ownerKind.Kind && GroupOf(owner.ApiVersion) == ownerKind.Group
            ? new ObjectKey(ObjectKey.Of(child).Namespace, owner.Name)
            : null;
    }

    private static string GroupOf(string apiVersion) =>
        apiVersion.Contains('/', StringComparison.Ordinal) ? apiVersion[..apiVersion.IndexOf('/', StringComparison.Ordinal)] : "";

    private static bool Same(IList<string>? a, IList<string>? b) => (a ?? []).SequenceEqual(b ?? []);

    private static bool Same(IDictionary<string, string>? a, IDictionary<string, string>? b) =>
        (a?.Count ?? 0) == (b?.Count ?? 0) && (a ?? new Dictionary<string, string>()).All(p => b!.TryGetValue(p.Key, out var v) && v == p.Value);
}
