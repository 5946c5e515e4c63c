using System.Text.Json.Nodes;

namespace LlmOperator.Sandbox.Authorization;

/// <summary>
/// One rule of a Role or ClusterRole, matched against a request as RBAC does: <c>*</c> for every verb,
/// group, resource or URL; <c>resource/subresource</c> and <c>*/subresource</c>; resourceNames narrowing to
/// named objects; nonResourceURLs ending in <c>*</c> as prefixes.
/// </summary>
internal sealed record PolicyRule(
    IReadOnlyList<string> Verbs,
    IReadOnlyList<string> ApiGroups,
    IReadOnlyList<string> Resources,
    IReadOnlyList<string> ResourceNames,
    IReadOnlyList<string> NonResourceUrls)
{
    private const string All = "*";

    /// <summary>A resource rule.</summary>
    public static PolicyRule ForResources(string[] verbs, string[] apiGroups, string[] resources) => new(verbs, apiGroups, resources, [], []);

    /// <summary>A non-resource rule.</summary>
    public static PolicyRule ForUrls(string[] verbs, string[] urls) => new(verbs, [], [], [], urls);

    /// <summary>A rule as a Role stores it.</summary>
    public static PolicyRule FromJson(JsonObject rule)
    {
        ArgumentNullException.ThrowIfNull(rule);
        return new PolicyRule(Strings(rule["verbs"]), Strings(rule["apiGroups"]), Strings(rule["resources"]), Strings(rule["resourceNames"]),
            Strings(rule["nonResourceURLs"]));
    }

    /// <summary>The rule as a Role stores it, with its empty lists left out.</summary>
    public JsonObject ToJson()
    {
        var rule = new JsonObject { ["verbs"] = Array(Verbs) };
        var lists = new[] { ("apiGroups", ApiGroups), ("resources", Resources), ("resourceNames", ResourceNames), ("nonResourceURLs", NonResourceUrls) };
        foreach (var (field, values) in lists)
        {
            if (values.Count > 0)
            {
                rule[field] = Array(values);
            }
        }

        return rule;
    }

    /// <summary>Whether the rule allows the request.</summary>
    public bool Allows(RequestAttributes request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!Verbs.Any(v => v == All || v == request.Verb))
        {
            return false;
        }

        if (!request.IsResourceRequest)
        {
            return NonResourceUrls.Any(url => url == All || url == request.Path
                || (url.EndsWith('*') && request.Path.StartsWith(url.TrimEnd('*'), StringComparison.Ordinal)));
        }

        return ApiGroups.Any(g => g == All || g == request.ApiGroup)
            && MatchesResource(request.Resource, request.Subresource)
            && (ResourceNames.Count == 0 || ResourceNames.Contains(request.Name));
    }

    private bool MatchesResource(string resource, string subresource)
    {
        var combined = subresource.Length == 0 ? resource : $"{resource}/{subresource}";
        return Resources.Any(r => r == All || r == combined || (subresource.Length > 0 && r == $"*/{subresource}"));
    }

    private static string[] Strings(JsonNode? node) => (node as JsonArray ?? []).Select(v => v?.ToString() ?? "").ToArray();

    private static JsonArray Array(IEnumerable<string> values) => new([.. values.Select(v => (JsonNode?)v)]);
}
