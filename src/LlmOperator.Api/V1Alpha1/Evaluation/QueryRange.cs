using System.ComponentModel;
using System.ComponentModel.DataAnnotations;

namespace LlmOperator.Api.V1Alpha1;

/// <summary>A range query's window: the values of the query over the last <c>duration</c>, one every <c>step</c>.</summary>
public sealed class QueryRange
{
    /// <summary>How far back the window reaches from each measurement, for example 2m.</summary>
    [Required, MaxLength(64), RegularExpression(Patterns.Duration)]
    public string Duration { get; set; } = "";

    /// <summary>The time between two values of the window.</summary>
    [MaxLength(64), RegularExpression(Patterns.Duration), DefaultValue("15s")]
    public string Step { get; set; } = "15s";
}
