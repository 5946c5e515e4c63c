using System.Text.Json.Nodes;
using LlmOperator.Sandbox.Resources;

namespace LlmOperator.Sandbox.Api;

/// <summary>
/// The discovery documents (/api, /apis, /apis/{group}, and the resource list of each group-version)
/// built from what the registry serves. Only the plain JSON forms: kubectl falls back to them when the
/// aggregated form is not offered.
/// </summary>
internal static class DiscoveryDocuments
{
    private static readonly string[] ObjectVerbs = ["create", "delete", "deletecollection", "get", "list", "patch", "update", "watch"];
    private static readonly string[] SubresourceVerbs = ["get", "patch", "update"];
    private static readonly string[] CreateVerb = ["create"];

    /// <summary>/api.</summary>
    public static JsonObject CoreVersions(string serverAddress) => new()
    {
        ["kind"] = "APIVersions",
        ["versions"] = new JsonArray("v1"),
        ["serverAddressByClientCIDRs"] = new JsonArray(new JsonObject { ["clientCIDR"] = "0.0.0.0/0", ["serverAddress"] = serverAddress }),
    };

    /// <summary>/apis.</summary>
    public static JsonObject GroupList(ResourceRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        return new JsonObject
        {
            ["kind"] = "APIGroupList",
            ["apiVersion"] = "v1",
            ["groups"] = new JsonArray([.. registry.All
                .Where(t => t.Group.Length > 0)
                .Select(t => t.Group)
                .Distinct()
                .Select(g => (JsonNode?)Group(registry, g)!)]),
        };
    }

    /// <summary>/apis/{group}, or null when no kind of the group is served.</summary>
    public static JsonObject? Group(ResourceRegistry registry, string group)
    {
        ArgumentNullException.ThrowIfNull(registry);
        var versions = registry.All.Where(t => t.Group == group).Select(t => t.Version).Distinct().ToList();
        if (versions.Count == 0)
        {
            return null;
        }

        return new JsonObject
        {
            ["kind"] = "APIGroup",
            ["apiVersion"] = "v1",
            ["name"] = group,
            ["versions"] = new JsonArray([.. versions.Select(v => (JsonNode?)GroupVersion(group, v))]),
            ["preferredVersion"] = GroupVersion(group, versions[0]),
        };
    }

    /// <summary>/api/v1 or /apis/{group}/{version}, or null when nothing is served there.</summary>
    public static JsonObject? ResourceList(ResourceRegistry registry, string group, string version)
    {
        ArgumentNullException.ThrowIfNull(registry);
        var types = registry.All.Where(t => t.Group == group && t.Version == version).ToList();
        if (types.Count == 0)
        {
            return null;
        }

        var resources = new JsonArray();
        foreach (var type in types)
        {
            var entry = new JsonObject
            {
                ["name"] = type.Plural,
                ["singularName"] = type.Singular,
                ["namespaced"] = type.Namespaced,
                ["kind"] = type.Kind,
                ["verbs"] = new JsonArray([.. (type.CreateOnly ? CreateVerb : ObjectVerbs).Select(v => (JsonNode?)v)]),
            };
            if (type.ShortNames.Count > 0)
            {
                entry["shortNames"] = new JsonArray([.. type.ShortNames.Select(n => (JsonNode?)n)]);
            }

            if (type.Categories.Count > 0)
            {
                entry["categories"] = new JsonArray([.. type.Categories.Select(c => (JsonNode?)c)]);
            }

            resources.Add(entry);
            if (type.HasStatus)
            {
                resources.Add(Subresource(type, "status", type.Kind, null, null, SubresourceVerbs));
            }

            if (type.HasScale)
            {
                resources.Add(Subresource(type, "scale", "Scale", "autoscaling", "v1", SubresourceVerbs));
            }

            if (type is { Group: "", Kind: "Pod" })
            {
                resources.Add(Subresource(type, "log", "Pod", null, null, ["get"]));
            }

            if (type is { Group: "", Kind: "ServiceAccount" })
            {
                resources.Add(Subresource(type, "token", "TokenRequest", "authentication.k8s.io", "v1", CreateVerb));
            }
        }

        return new JsonObject
        {
            ["kind"] = "APIResourceList",
            ["apiVersion"] = "v1",
            ["groupVersion"] = group.Length == 0 ? version : $"{group}/{version}",
            ["resources"] = resources,
        };
    }

    private static JsonObject GroupVersion(string group, string version) => new() { ["groupVersion"] = $"{group}/{version}", ["version"] = version };

    private static JsonObject Subresource(ResourceType type, string name, string kind, string? group, string? version, string[] verbs)
    {
        var entry = new JsonObject { ["name"] = $"{type.Plural}/{name}", ["singularName"] = "", ["namespaced"] = type.Namespaced };
        if (group is not null)
        {
            entry["group"] = group;
            entry["version"] = version;
        }

        entry["kind"] = kind;
        entry["verbs"] = new JsonArray([.. verbs.Select(v => (JsonNode?)v)]);
        return entry;
    }
}
