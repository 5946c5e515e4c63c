using LlmOperator.Kubernetes.Access;

namespace LlmOperator.Kubernetes.Reconciling;

/// <summary>What to reconcile: the key, and the object as the informer's cache holds it.</summary>
/// <param name="Key">The object's namespace and name.</param>
/// <param name="Resource">The cached object (shared: copy before changing it), or null when it no longer exists.</param>
public sealed record ReconcileRequest<T>(ObjectKey Key, T? Resource)
    where T : class;
