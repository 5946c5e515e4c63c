using LlmOperator.Sandbox.Resources;
using LlmOperator.Sandbox.Storage;
using Microsoft.Extensions.Logging;

namespace LlmOperator.Sandbox.Controllers;

/// <summary>Deletes every object of a custom resource once its CustomResourceDefinition is deleted.</summary>
internal sealed class CustomResourceCleanup(ObjectStore store, ILogger<CustomResourceCleanup> logger) : SandboxController(store, logger)
{
    private readonly ObjectStore _store = store;

    /// <inheritdoc />
    protected override void Handle(StoreEvent change)
    {
        ArgumentNullException.ThrowIfNull(change);
        if (change.Type != WatchEventType.Deleted || change.Resource != BuiltInResources.CustomResourceDefinitions)
        {
            return;
        }

        var crd = change.Item.ToJsonObject();
        var key = new ResourceKey(crd["spec"]?["group"]?.ToString() ?? "", crd["spec"]?["names"]?["plural"]?.ToString() ?? "");
        foreach (var obj in _store.List(key, null).Items)
        {
            try
            {
                _store.Delete(key, obj.Namespace, obj.Name);
            }
            catch (StoreException e) when (e.Failure == StoreFailure.NotFound)
            {
            }
        }
    }
}
