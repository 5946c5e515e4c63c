namespace LlmOperator.Sandbox.Api;

/// <summary>
/// A resource path of the API, taken apart: <c>/api/v1/namespaces/ns/pods/name/status</c> or
/// <c>/apis/group/version/resources/name</c>.
/// </summary>
/// <param name="Group">The group; empty for /api.</param>
/// <param name="Version">The version.</param>
/// <param name="Namespace">The namespace segment, or null.</param>
/// <param name="Resource">The resource (plural), or null for the group-version itself (discovery).</param>
/// <param name="Name">The object's name, or null for the collection.</param>
/// <param name="Subresource">status, scale, log, proxy, or null.</param>
internal sealed record ApiPath(string Group, string Version, string? Namespace, string? Resource, string? Name, string? Subresource)
{
    /// <summary>For the proxy subresource, the path after <c>/proxy</c> to forward ("" for the root).</summary>
    public string ProxiedPath { get; init; } = "";

    /// <summary>
    /// Parses a path under /api/{v} or /apis/{g}/{v}; null when the path is not one (for example
    /// /apis/{g} or /version, which other endpoints answer).
    /// </summary>
    public static ApiPath? Parse(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var segments = path.Trim('/').Split('/');
        int rest;
        string group;
        if (segments is ["api", _, ..])
        {
            group = "";
            rest = 1;
        }
        else if (segments is ["apis", _, _, ..])
        {
            group = segments[1];
            rest = 2;
        }
        else
        {
            return null;
        }

        var version = segments[rest];
        var tail = segments[(rest + 1)..].Select(Uri.UnescapeDataString).ToArray();
        return tail switch
        {
            [] => new ApiPath(group, version, null, null, null, null),
            ["namespaces", var ns] when group.Length == 0 => new ApiPath(group, version, null, "namespaces", ns, null),
            ["namespaces", var ns, "status" or "finalize"] when group.Length == 0 => new ApiPath(group, version, null, "namespaces", ns, tail[2]),
            ["namespaces", var ns, var resource] => new ApiPath(group, version, ns, resource, null, null),
            ["namespaces", var ns, var resource, var name] => new ApiPath(group, version, ns, resource, name, null),
            ["namespaces", var ns, var resource, var name, var sub] => new ApiPath(group, version, ns, resource, name, sub),
            ["namespaces", var ns, var resource, var name, "proxy", .. var proxied] =>
                new ApiPath(group, version, ns, resource, name, "proxy") { ProxiedPath = string.Join("/", proxied) },
            [var resource] => new ApiPath(group, version, null, resource, null, null),
            [var resource, var name] => new ApiPath(group, version, null, resource, name, null),
            [var resource, var name, var sub] => new ApiPath(group, version, null, resource, name, sub),
            _ => null,
        };
    }
}
