using System.ComponentModel.DataAnnotations;
using System.Text.Json.Nodes;
using LlmOperator.Api.Markers;

namespace LlmOperator.Api.V1Alpha1;

/// <summary>One evaluation case: the input, what is expected, and how the answer is judged.</summary>
[CelRule("!(has(self.vars) && has(self.messages))", "a case has vars (rendered through the prompt) or messages, not both")]
public sealed class EvaluationCase
{
    /// <summary>A stable identifier, unique within the dataset, used to pair candidate and baseline answers.</summary>
    [Required, MaxLength(256)]
    public string Id { get; set; } = "";

    /// <summary>Values of the prompt's template variables.</summary>
    public JsonObject? Vars { get; set; }

    /// <summary>The chat messages to send as they are, when the gate renders no prompt.</summary>
    [MaxLength(64)]
    public List<PromptMessage>? Messages { get; set; }

    /// <summary>
    /// Request parameters of this case (tools, toolChoice, responseFormat, temperature, ...), each set one replacing the
    /// prompt's: for cases that need tools of their own, or a gate with no prompt.
    /// </summary>
    public PromptParameters? Parameters { get; set; }

    /// <summary>The expected answer, available to assertions as their default value.</summary>
    public JsonNode? Expected { get; set; }

    /// <summary>Assertions for this case, after the gate's defaultAssert.</summary>
    [MaxLength(64)]
    public List<Assertion>? Assert { get; set; }

    /// <summary>Labels to slice results by.</summary>
    [MaxLength(32)]
    public List<string>? Tags { get; set; }

    /// <summary>A critical case must pass whatever the pass rate (see thresholds.criticalMustPass).</summary>
    public bool? Critical { get; set; }
}
