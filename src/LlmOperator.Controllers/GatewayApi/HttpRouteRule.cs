namespace LlmOperator.Controllers.GatewayApi;

/// <summary>A rule of a route: here, the weighted backends every request goes to.</summary>
internal sealed class HttpRouteRule
{
    /// <summary>The Services requests go to, in proportion to their weights.</summary>
    public List<HttpBackendReference> BackendRefs { get; set; } = [];
}
