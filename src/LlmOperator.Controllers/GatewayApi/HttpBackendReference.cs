namespace LlmOperator.Controllers.GatewayApi;

/// <summary>A Service behind a route, with its share of requests.</summary>
internal sealed class HttpBackendReference
{
    /// <summary>The Service's name.</summary>
    public string Name { get; set; } = "";

    /// <summary>The Service's port.</summary>
    public int Port { get; set; }

    /// <summary>The share of requests, relative to the other backends' weights.</summary>
    public int Weight { get; set; }
}
