using k8s;
using k8s.Models;

namespace LlmOperator.Controllers.GatewayApi;

/// <summary>The part of Gateway API's HTTPRoute (gateway.networking.k8s.io/v1) the operator writes to split traffic.</summary>
[KubernetesEntity(Group = "gateway.networking.k8s.io", ApiVersion = "v1", Kind = "HTTPRoute", PluralName = "httproutes")]
internal sealed class HttpRoute : IKubernetesObject<V1ObjectMeta>
{
    /// <summary>gateway.networking.k8s.io/v1.</summary>
    public string ApiVersion { get; set; } = "gateway.networking.k8s.io/v1";

    /// <summary>HTTPRoute.</summary>
    public string Kind { get; set; } = "HTTPRoute";

    /// <summary>Object metadata.</summary>
    public V1ObjectMeta Metadata { get; set; } = new();

    /// <summary>The route.</summary>
    public HttpRouteSpec Spec { get; set; } = new();
}
