namespace LlmOperator.Kubernetes.Telemetry;

/// <summary>
/// What a request to the Kubernetes API does, in the API server's own words: its verb (get, list, watch,
/// create, update, patch, delete) and its resource with any subresource, without names or namespaces (for
/// example "modeldeployments/status"), so that ten thousand objects make one series, not ten thousand.
/// </summary>
public readonly record struct ApiRequestKind(string Verb, string Resource)
{
    /// <summary>The verb and resource of <paramref name="request"/>.</summary>
    public static ApiRequestKind Of(HttpRequestMessage request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var uri = request.RequestUri!;
        var path = uri.IsAbsoluteUri ? uri.AbsolutePath : uri.OriginalString.Split('?')[0];
        var segments = path.Trim('/').Split('/');
        // /api/v1/[namespaces/NS/]RESOURCE[/NAME[/SUB]] or /apis/GROUP/VERSION/[namespaces/NS/]RESOURCE[/NAME[/SUB]].
        var rest = segments[0] == "api" ? segments[Math.Min(2, segments.Length)..] : segments.Length > 3 ? segments[3..] : [];
        if (rest.Length >= 3 && rest[0] == "namespaces")
        {
            rest = rest[2..];
        }

        var resource = rest.Length switch
        {
            0 => path,
            > 2 => $"{rest[0]}/{rest[2]}",
            _ => rest[0],
        };
        var watch = uri.IsAbsoluteUri && uri.Query.Contains("watch=true", StringComparison.Ordinal);
        var verb = request.Method.Method.ToUpperInvariant() switch
        {
            "GET" when watch => "watch",
            "GET" => rest.Length == 1 ? "list" : "get",
            "POST" => "create",
            "PUT" => "update",
            "PATCH" => "patch",
            "DELETE" => rest.Length == 1 ? "deletecollection" : "delete",
            var other => other.ToLowerInvariant(),
        };
        return new ApiRequestKind(verb, resource);
    }

    /// <summary>Whether the request changes something (create, update, patch, delete).</summary>
    public bool IsWrite => Verb is "create" or "update" or "patch" or "delete" or "deletecollection";
}
