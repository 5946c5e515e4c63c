using System.ComponentModel.DataAnnotations;

namespace LlmOperator.Api.V1Alpha1;

/// <summary>An HTTPRoute, named like the ModelDeployment, whose backend weights the operator sets.</summary>
public sealed class GatewayApiRouting
{
    /// <summary>The Gateways the route attaches to.</summary>
    [Required, MinLength(1), MaxLength(32)]
    public List<GatewayParentReference> ParentRefs { get; set; } = [];

    /// <summary>Host names the route matches.</summary>
    [MaxLength(16)]
    public List<string>? Hostnames { get; set; }
}
