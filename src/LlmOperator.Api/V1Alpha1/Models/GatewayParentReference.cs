using System.ComponentModel.DataAnnotations;

namespace LlmOperator.Api.V1Alpha1;

/// <summary>A Gateway an HTTPRoute attaches to.</summary>
public sealed class GatewayParentReference
{
    /// <summary>The Gateway's name.</summary>
    [Required, MaxLength(253), RegularExpression(Patterns.DnsSubdomain)]
    public string Name { get; set; } = "";

    /// <summary>The Gateway's namespace; defaults to the ModelDeployment's.</summary>
    [MaxLength(63), RegularExpression(Patterns.DnsLabel)]
    public string? Namespace { get; set; }

    /// <summary>The Gateway listener to attach to.</summary>
    [MaxLength(253)]
    public string? SectionName { get; set; }
}
