using System.Collections.Concurrent;
using LlmOperator.Kubernetes.Access;

namespace LlmOperator.Controllers.ModelDeployments;

/// <summary>
/// The resourceVersion of each ModelDeployment that a reconcile planned from and then wrote a new status
/// over. Until the watch brings that write into the cache, the cache still holds the older object: a
/// reconcile planned from it would redo steps already taken, and since children are written before the
/// status, it would, for example, scale an aborted canary up again before its status write met the
/// conflict. A reconcile that finds the object it already acted on waits for the newer one instead.
/// </summary>
public sealed class ActedVersions
{
    private readonly ConcurrentDictionary<ObjectKey, string> _versions = new();

    /// <summary>Whether a status was already written over this version of the object.</summary>
    public bool AlreadyActedOn(ObjectKey key, string? resourceVersion) =>
        resourceVersion is not null && _versions.TryGetValue(key, out var acted) && acted == resourceVersion;

    /// <summary>Records that a status was written over this version of the object.</summary>
    public void Acted(ObjectKey key, string? resourceVersion)
    {
        if (resourceVersion is not null)
        {
            _versions[key] = resourceVersion;
        }
    }

    /// <summary>Forgets a deleted object.</summary>
    public void Forget(ObjectKey key) => _versions.TryRemove(key, out _);
}
