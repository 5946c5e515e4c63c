using System.ComponentModel.DataAnnotations;

namespace LlmOperator.Api.V1Alpha1;

/// <summary>A reference to an object in the same namespace.</summary>
public sealed class LocalObjectReference
{
    /// <summary>The name of the object.</summary>
    [Required, MaxLength(253), RegularExpression(Patterns.DnsSubdomain)]
    public string Name { get; set; } = "";
}
