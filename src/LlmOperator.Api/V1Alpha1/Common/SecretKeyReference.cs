using System.ComponentModel.DataAnnotations;

namespace LlmOperator.Api.V1Alpha1;

/// <summary>
/// A key of a Secret in the same namespace. Secrets are only ever referenced: their values never
/// appear in specs, status, events or logs.
/// </summary>
public sealed class SecretKeyReference
{
    /// <summary>The name of the Secret.</summary>
    [Required, MaxLength(253), RegularExpression(Patterns.DnsSubdomain)]
    public string Name { get; set; } = "";

    /// <summary>The key within the Secret whose value is used: an API key or a token.</summary>
    [Required, MaxLength(253)]
    public string Key { get; set; } = "";
}
