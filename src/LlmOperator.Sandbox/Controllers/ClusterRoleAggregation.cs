using System.Text.Json.Nodes;
using LlmOperator.Sandbox.Api;
using LlmOperator.Sandbox.Resources;
using LlmOperator.Sandbox.Server;
using LlmOperator.Sandbox.Storage;
using LlmOperator.Sandbox.Tables.Printers;
using Microsoft.Extensions.Logging;

namespace LlmOperator.Sandbox.Controllers;

/// <summary>
/// Keeps the rules of each ClusterRole with an aggregationRule equal to the rules of the ClusterRoles its
/// clusterRoleSelectors match (by name order, without repeats), as kube-controller-manager's clusterrole-aggregation
/// controller does; so a chart's role labelled <c>aggregate-to-view</c> adds its rules to a view role.
/// </summary>
internal sealed class ClusterRoleAggregation(ObjectStore store, ResourceService service, ILogger<ClusterRoleAggregation> logger)
    : SandboxController(store, logger)
{
    private static readonly ResourceKey ClusterRoles = new("rbac.authorization.k8s.io", "clusterroles");
    private readonly ObjectStore _store = store;

    /// <inheritdoc />
    protected override void Handle(StoreEvent change)
    {
        ArgumentNullException.ThrowIfNull(change);
        if (change.Resource != ClusterRoles)
        {
            return;
        }

        var roles = _store.List(ClusterRoles, null).Items.Select(r => r.ToJsonObject()).ToList();
        foreach (var aggregate in roles.Where(r => r["aggregationRule"]?["clusterRoleSelectors"] is JsonArray))
        {
            Aggregate(aggregate, roles);
        }
    }

    private void Aggregate(JsonObject aggregate, List<JsonObject> roles)
    {
        var name = ObjectMeta.Text(aggregate, "name") ?? "";
        var selectors = (aggregate["aggregationRule"]!["clusterRoleSelectors"] as JsonArray)!
            .Select(s => LabelText.SelectorString(s) is { } text ? LabelSelector.Parse(text) : null)
            .OfType<LabelSelector>()
            .ToList();
        var rules = new JsonArray();
        foreach (var role in roles.Where(r => ObjectMeta.Text(r, "name") != name).OrderBy(r => ObjectMeta.Text(r, "name"), StringComparer.Ordinal))
        {
            var labels = (role["metadata"]?["labels"] as JsonObject ?? []).ToDictionary(l => l.Key, l => l.Value?.ToString() ?? "");
            if (!selectors.Any(s => s.Matches(labels)))
            {
                continue;
            }

            foreach (var rule in (role["rules"] as JsonArray ?? []).Where(r => r is not null && !rules.Any(kept => JsonNode.DeepEquals(kept, r))))
            {
                rules.Add(rule!.DeepClone());
            }
        }

        if (!JsonNode.DeepEquals(rules, aggregate["rules"] as JsonArray ?? []))
        {
            service.Mutate(service.Registry.FindAnyVersion(ClusterRoles)!, "", name, role =>
            {
                role["rules"] = rules.DeepClone();
                return role;
            }, status: false, WriteOptions.Default);
        }
    }
}
