namespace LlmOperator.Controllers.GatewayApi;

/// <summary>A Gateway a route attaches to.</summary>
internal sealed class HttpRouteParentReference
{
    /// <summary>The Gateway's name.</summary>
    public string Name { get; set; } = "";

    /// <summary>The Gateway's namespace, when not the route's.</summary>
    public string? Namespace { get; set; }

    /// <summary>The listener to attach to.</summary>
    public string? SectionName { get; set; }
}
