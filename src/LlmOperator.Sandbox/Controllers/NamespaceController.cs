using LlmOperator.Sandbox.Api;
using LlmOperator.Sandbox.Resources;
using LlmOperator.Sandbox.Server;
using LlmOperator.Sandbox.Storage;
using Microsoft.Extensions.Logging;

namespace LlmOperator.Sandbox.Controllers;

/// <summary>Empties a terminating namespace of every object, then removes it.</summary>
internal sealed class NamespaceController(ObjectStore store, ResourceService service, ILogger<NamespaceController> logger) : SandboxController(store, logger)
{
    private readonly ObjectStore _store = store;

    /// <inheritdoc />
    protected override void Handle(StoreEvent change)
    {
        ArgumentNullException.ThrowIfNull(change);
        var ns = change.Resource == BuiltInResources.Namespaces ? change.Item.Name : change.Item.Namespace;
        if (ns.Length > 0 && _store.Get(BuiltInResources.Namespaces, "", ns) is { IsTerminating: true })
        {
            Drain(ns);
        }
    }

    private void Drain(string ns)
    {
        var remaining = 0;
        foreach (var resource in _store.Resources().Where(r => r != BuiltInResources.Namespaces))
        {
            var type = service.Registry.FindAnyVersion(resource);
            foreach (var obj in _store.List(resource, ns).Items)
            {
                remaining++;
                if (type is not null && !obj.IsTerminating)
                {
                    try
                    {
                        service.Delete(type, ns, obj.Name, DeleteOptions.Default);
                    }
                    catch (ApiException e) when (e.Code == 404)
                    {
                    }
                }
            }
        }

        if (remaining == 0)
        {
            try
            {
                _store.Delete(BuiltInResources.Namespaces, "", ns);
            }
            catch (StoreException e) when (e.Failure == StoreFailure.NotFound)
            {
            }
        }
    }
}
