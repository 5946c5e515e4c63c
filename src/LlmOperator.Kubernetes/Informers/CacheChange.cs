namespace LlmOperator.Kubernetes.Informers;

/// <summary>One change an informer saw: added (no <see cref="Old"/>), updated (both) or deleted (no <see cref="New"/>).</summary>
/// <param name="Old">The object before the change, or null when it was added.</param>
/// <param name="New">The object after the change, or null when it was deleted.</param>
public readonly record struct CacheChange<T>(T? Old, T? New)
    where T : class
{
    /// <summary>The object as it is now, or as it was last seen when deleted.</summary>
    public T Current => New ?? Old!;
}
