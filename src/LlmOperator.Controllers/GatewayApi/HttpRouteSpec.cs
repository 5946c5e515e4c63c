namespace LlmOperator.Controllers.GatewayApi;

/// <summary>Where a route attaches, which hosts it matches, and where it sends requests.</summary>
internal sealed class HttpRouteSpec
{
    /// <summary>The Gateways the route attaches to.</summary>
    public List<HttpRouteParentReference> ParentRefs { get; set; } = [];

    /// <summary>Host names the route matches.</summary>
    public List<string>? Hostnames { get; set; }

    /// <summary>The rules; the operator writes one that splits all requests by weight.</summary>
    public List<HttpRouteRule> Rules { get; set; } = [];
}
