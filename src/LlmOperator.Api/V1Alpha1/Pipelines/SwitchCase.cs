using System.ComponentModel.DataAnnotations;
using LlmOperator.Api.Markers;

namespace LlmOperator.Api.V1Alpha1;

/// <summary>One case of a switch step: exactly one of call or respond.</summary>
[CelRule("has(self.call) != has(self.respond)", "a switch case sets exactly one of call, respond")]
public sealed class SwitchCase
{
    /// <summary>A CEL rule over input, vars and steps; the case without one holds always.</summary>
    [MaxLength(4096)]
    public string? When { get; set; }

    /// <summary>The call to make when the case holds.</summary>
    public PipelineCall? Call { get; set; }

    /// <summary>A literal answer when the case holds, for example a refusal.</summary>
    [MaxLength(65536)]
    public string? Respond { get; set; }
}
