namespace LlmOperator.Sandbox.Authorization;

/// <summary>
/// What an authorizer decides on, as kube-apiserver's RequestInfo computes it from the URL: for a resource
/// path the verb (get, list, watch, create, update, patch, delete, deletecollection), group, version,
/// namespace, resource, subresource and name; for any other path the lower-case HTTP method and the path.
/// </summary>
internal sealed record RequestAttributes
{
    private static readonly string[] NamespaceSubresources = ["status", "finalize"];

    /// <summary>Who asks.</summary>
    public required UserInfo User { get; init; }

    /// <summary>The API verb, or the lower-case HTTP method of a non-resource request.</summary>
    public required string Verb { get; init; }

    /// <summary>Whether the path names a resource (under /api/v1 or /apis/group/version) rather than discovery or health.</summary>
    public bool IsResourceRequest { get; init; }

    /// <summary>The URL path.</summary>
    public string Path { get; init; } = "";

    /// <summary>The API group; empty for the core group.</summary>
    public string ApiGroup { get; init; } = "";

    /// <summary>The version.</summary>
    public string ApiVersion { get; init; } = "";

    /// <summary>The namespace; empty for cluster-scoped kinds and requests across all namespaces.</summary>
    public string Namespace { get; init; } = "";

    /// <summary>The resource (plural).</summary>
    public string Resource { get; init; } = "";

    /// <summary>The subresource, or empty.</summary>
    public string Subresource { get; init; } = "";

    /// <summary>The object's name, or empty for a collection.</summary>
    public string Name { get; init; } = "";

    /// <summary>The attributes of an HTTP request, parsed as kube-apiserver's RequestInfoFactory does.</summary>
    public static RequestAttributes FromRequest(UserInfo user, string method, string path, Func<string, string?> query)
    {
        ArgumentNullException.ThrowIfNull(method);
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(query);
        var nonResource = new RequestAttributes { User = user, Verb = method.ToLowerInvariant(), Path = path };
        var parts = path.Trim('/').Split('/', StringSplitOptions.RemoveEmptyEntries).Select(Uri.UnescapeDataString).ToArray();
        var groupless = parts is ["api", _, _, ..];
        if (!groupless && parts is not ["apis", _, _, _, ..])
        {
            return nonResource;
        }

        var group = groupless ? "" : parts[1];
        var version = groupless ? parts[1] : parts[2];
        var rest = parts[(groupless ? 2 : 3)..];
        var verb = method switch
        {
            "POST" => "create",
            "GET" or "HEAD" => "get",
            "PUT" => "update",
            "PATCH" => "patch",
            "DELETE" => "delete",
            _ => "",
        };
        if (rest is ["watch" or "proxy", _, ..])
        {
            verb = rest[0];
            rest = rest[1..];
        }

        var ns = "";
        if (rest is ["namespaces", var named, ..])
        {
            ns = named;
            if (rest.Length > 2 && !NamespaceSubresources.Contains(rest[2]))
            {
                rest = rest[2..];
            }
        }

        var name = rest.Length >= 2 ? rest[1] : "";
        var subresource = rest.Length >= 3 && verb != "proxy" ? rest[2] : "";
        if (name.Length == 0 && verb == "get")
        {
            verb = query("watch") is { } watch && watch is not ("false" or "0") ? "watch" : "list";
            name = NameFromFieldSelector(query("fieldSelector"));
        }
        else if (name.Length == 0 && verb == "delete")
        {
            verb = "deletecollection";
        }

        return new RequestAttributes
        {
            User = user,
            Verb = verb,
            IsResourceRequest = true,
            Path = path,
            ApiGroup = group,
            ApiVersion = version,
            Namespace = ns,
            Resource = rest.Length >= 1 ? rest[0] : "",
            Subresource = subresource,
            Name = name,
        };
    }

    /// <summary>A list or watch narrowed to one name by <c>fieldSelector=metadata.name=NAME</c> is about that name.</summary>
    private static string NameFromFieldSelector(string? selector)
    {
        foreach (var term in (selector ?? "").Split(',', StringSplitOptions.TrimEntries))
        {
            foreach (var prefix in new[] { "metadata.name==", "metadata.name=" })
            {
                if (term.StartsWith(prefix, StringComparison.Ordinal) && term[prefix.Length..] is { Length: > 0 } name
                    && !name.Contains('/', StringComparison.Ordinal))
                {
                    return name;
                }
            }
        }

        return "";
    }
}
