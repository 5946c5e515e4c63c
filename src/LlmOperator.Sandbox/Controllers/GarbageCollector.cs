using LlmOperator.Sandbox.Api;
using LlmOperator.Sandbox.Server;
using LlmOperator.Sandbox.Storage;
using Microsoft.Extensions.Logging;

namespace LlmOperator.Sandbox.Controllers;

/// <summary>
/// Deletes objects whose owners are all gone (background propagation), and empties owners being
/// deleted in the foreground before releasing their foregroundDeletion finalizer.
/// </summary>
internal sealed class GarbageCollector(ObjectStore store, ResourceService service, ILogger<GarbageCollector> logger) : SandboxController(store, logger)
{
    private readonly ObjectStore _store = store;

    /// <inheritdoc />
    protected override void Handle(StoreEvent change)
    {
        ArgumentNullException.ThrowIfNull(change);
        if (change.Type == WatchEventType.Deleted)
        {
            CollectOrphansOf(change.Item.Uid);
            foreach (var owner in change.Previous?.OwnerUids ?? [])
            {
                FinishForegroundDeletion(owner);
            }
        }
        else if (change.Item.IsTerminating && HasForegroundFinalizer(change.Item))
        {
            foreach (var dependent in _store.Dependents(change.Item.Uid))
            {
                DeleteQuietly(dependent, DeletePropagation.Foreground);
            }

            FinishForegroundDeletion(change.Item.Uid);
        }
    }

    private void CollectOrphansOf(string ownerUid)
    {
        foreach (var dependent in _store.Dependents(ownerUid))
        {
            var obj = _store.Get(dependent.Resource, dependent.Namespace, dependent.Name);
            if (obj is not null && obj.OwnerUids.All(uid => _store.FindByUid(uid) is null))
            {
                DeleteQuietly(dependent, DeletePropagation.Background);
            }
        }
    }

    private void FinishForegroundDeletion(string ownerUid)
    {
        if (_store.FindByUid(ownerUid) is not { } owner || _store.Dependents(ownerUid).Count > 0
            || service.Registry.FindAnyVersion(owner.Resource) is not { } type
            || _store.Get(owner.Resource, owner.Namespace, owner.Name) is not { IsTerminating: true } obj || !HasForegroundFinalizer(obj))
        {
            return;
        }

        service.Mutate(type, owner.Namespace, owner.Name, json =>
        {
            ObjectMeta.SetFinalizers(json, ObjectMeta.Finalizers(json).Where(f => f != Finalizers.Foreground));
            return json;
        }, status: false, WriteOptions.Default);
    }

    private void DeleteQuietly(ObjectRef target, DeletePropagation propagation)
    {
        if (service.Registry.FindAnyVersion(target.Resource) is not { } type)
        {
            return;
        }

        try
        {
            service.Delete(type, target.Namespace, target.Name, new DeleteOptions { Propagation = propagation });
        }
        catch (ApiException e) when (e.Code == 404)
        {
            // Already gone.
        }
    }

    private static bool HasForegroundFinalizer(StoredObject obj) =>
        obj.HasFinalizers && ObjectMeta.Finalizers(obj.ToJsonObject()).Contains(Finalizers.Foreground);
}
