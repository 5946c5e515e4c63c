using System.ComponentModel.DataAnnotations;

namespace LlmOperator.Api.V1Alpha1;

/// <summary>One version of an adapter as the spec named it when it was rolled out: what the operator loads on new pods.</summary>
public sealed class AdapterVersion
{
    /// <summary>Its source (hf://, pvc:// or https://).</summary>
    [MaxLength(1024)]
    public string Source { get; set; } = "";

    /// <summary>The revision of the source, when one was pinned.</summary>
    [MaxLength(256)]
    public string? Revision { get; set; }
}
