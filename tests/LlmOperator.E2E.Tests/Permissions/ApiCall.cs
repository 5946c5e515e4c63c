namespace LlmOperator.E2E.Tests.Permissions;

/// <summary>One API request as RBAC sees it: a verb on a resource (with its subresource) of an API group.</summary>
/// <param name="Group">The API group; empty for the core group.</param>
/// <param name="Resource">The resource, with "/subresource" when there is one (deployments, modeldeployments/status).</param>
/// <param name="Verb">The RBAC verb (get, list, watch, create, update, patch, delete, bind...).</param>
public sealed record ApiCall(string Group, string Resource, string Verb)
{
    /// <summary>
    /// The call a request makes, or null for paths that are not resources (discovery, /version). The
    /// sandbox logs the API verb of the requests it served and the HTTP method of those it refused
    /// (a 404 or a 409 still needed the permission), which is turned into the verb here.
    /// </summary>
    public static ApiCall? FromRequest(string verb, string path, string query)
    {
        var segments = path.Trim('/').Split('/');
        string group;
        string[] rest;
        if (segments is ["api", _, .. var core])
        {
            (group, rest) = ("", core);
        }
        else if (segments is ["apis", var apiGroup, _, .. var grouped])
        {
            (group, rest) = (apiGroup, grouped);
        }
        else
        {
            return null;
        }

        if (rest is ["namespaces", _, _, ..])
        {
            rest = rest[2..];
        }

        var named = rest.Length > 1;
        verb = verb switch
        {
            "GET" when query.Contains("watch=true", StringComparison.Ordinal) => "watch",
            "GET" => named ? "get" : "list",
            "POST" => "create",
            "PUT" => "update",
            "PATCH" => "patch",
            "DELETE" => named ? "delete" : "deletecollection",
            _ => verb,
        };
        return rest switch
        {
            [var collection] => new ApiCall(group, collection, verb),
            [var resource, _] => new ApiCall(group, resource, verb),
            [var resource, _, var subresource] => new ApiCall(group, $"{resource}/{subresource}", verb),
            _ => null,
        };
    }

    /// <inheritdoc />
    public override string ToString() => $"{Verb} {(Group.Length == 0 ? "core" : Group)}/{Resource}";
}
