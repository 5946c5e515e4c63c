using System.Text.Json.Nodes;
using LlmOperator.Sandbox.Api;
using LlmOperator.Sandbox.Resources;
using LlmOperator.Sandbox.Server;
using LlmOperator.Sandbox.Tables.Printers;

namespace LlmOperator.Sandbox.Workloads;

/// <summary>
/// Adopts orphans as kube-controller-manager's controllers do: objects of the owner's namespace with
/// no controller, not being deleted, that its spec.selector matches get a controller reference to it.
/// So a Deployment applied again after <c>kubectl delete --cascade=orphan</c> takes its ReplicaSets
/// back, and a ReplicaSet its pods.
/// </summary>
internal static class ControllerAdoption
{
    /// <summary>Adopts the orphaned <paramref name="dependents"/> the owner selects.</summary>
    public static void AdoptOrphans(ResourceService service, ResourceKey dependents, JsonObject owner, ResourceType ownerType)
    {
        ArgumentNullException.ThrowIfNull(service);
        ArgumentNullException.ThrowIfNull(owner);
        ArgumentNullException.ThrowIfNull(ownerType);
        if (LabelText.SelectorString(owner["spec"]?["selector"]) is not { Length: > 0 } text)
        {
            return;
        }

        var selector = LabelSelector.Parse(text);
        var type = service.Registry.FindAnyVersion(dependents)!;
        var orphans = service.Store.ListUncontrolled(
            dependents, owner["metadata"]?["namespace"]?.ToString() ?? "", o => !o.IsTerminating && selector.Matches(o.Labels));
        foreach (var orphan in orphans)
        {
            service.Mutate(type, orphan.Namespace, orphan.Name, obj =>
            {
                if (ControllerReferences.Controller(obj) is null)
                {
                    var references = ObjectMeta.Of(obj)["ownerReferences"] as JsonArray ?? [];
                    references.Add(ControllerReferences.To(owner, ownerType.ApiVersion, ownerType.Kind));
                    ObjectMeta.Of(obj)["ownerReferences"] = references;
                }

                return obj;
            }, status: false, WriteOptions.Default);
        }
    }
}
