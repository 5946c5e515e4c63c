using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Text.Json.Nodes;

namespace LlmOperator.Api.V1Alpha1;

/// <summary>A check of one answer, with promptfoo's names and meaning.</summary>
public sealed class Assertion
{
    /// <summary>The kind of check; a not- prefix inverts it.</summary>
    [Required]
    public AssertionType Type { get; set; }

    /// <summary>
    /// What the answer is checked against: a string, a list, a number, a JSON schema, a rubric or a function call; equals, the
    /// contains family, starts-with, levenshtein and similar default to the case's expected value. Strings may
    /// use the case's vars as Liquid.
    /// </summary>
    public JsonNode? Value { get; set; }

    /// <summary>The score at or above which the assertion passes, for scored checks (similar, levenshtein, llm-rubric, tool-call-f1, latency, cost).</summary>
    public double? Threshold { get; set; }

    /// <summary>The weight of this assertion in the case's score.</summary>
    [Range(0.0, 1000.0), DefaultValue(1.0)]
    public double Weight { get; set; } = 1.0;

    /// <summary>A named metric that this assertion's score counts towards (thresholds.metrics and comparisons use it).</summary>
    [MaxLength(128), RegularExpression(Patterns.Identifier)]
    public string? Metric { get; set; }

    /// <summary>The model that embeds (similar) or judges (llm-rubric) the answer.</summary>
    public ModelEndpointReference? Provider { get; set; }
}
