using System.ComponentModel.DataAnnotations;

namespace LlmOperator.Api.V1Alpha1;

/// <summary>A key of a ConfigMap in the same namespace.</summary>
public sealed class ConfigMapKeyReference
{
    /// <summary>The name of the ConfigMap.</summary>
    [Required, MaxLength(253), RegularExpression(Patterns.DnsSubdomain)]
    public string Name { get; set; } = "";

    /// <summary>The key within the ConfigMap.</summary>
    [Required, MaxLength(253)]
    public string Key { get; set; } = "";
}
