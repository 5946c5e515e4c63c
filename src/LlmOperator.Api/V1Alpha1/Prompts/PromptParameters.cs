using System.ComponentModel.DataAnnotations;
using System.Text.Json.Nodes;
using LlmOperator.Api.Markers;

namespace LlmOperator.Api.V1Alpha1;

/// <summary>Request parameters of a chat completion.</summary>
[CelRule("!has(self.toolChoice) || has(self.tools)", "toolChoice needs tools to choose from")]
[CelRule(
    "!has(self.toolChoice) || (type(self.toolChoice) == string ? self.toolChoice in ['none', 'auto', 'required'] "
        + ": type(self.toolChoice) == map && has(self.toolChoice.function) && has(self.toolChoice.function.name))",
    "toolChoice must be none, auto, required or {type: function, function: {name}}")]
public sealed class PromptParameters
{
    /// <summary>Sampling temperature, 0 to 2.</summary>
    [Range(0.0, 2.0)]
    public double? Temperature { get; set; }

    /// <summary>Nucleus sampling mass, 0 to 1.</summary>
    [Range(0.0, 1.0)]
    public double? TopP { get; set; }

    /// <summary>The most tokens to generate.</summary>
    [Range(1, int.MaxValue)]
    public int? MaxTokens { get; set; }

    /// <summary>Sequences that end generation.</summary>
    [MaxLength(16)]
    public List<string>? Stop { get; set; }

    /// <summary>A seed for servers that sample deterministically with one.</summary>
    public long? Seed { get; set; }

    /// <summary>The OpenAI response_format object, for example {type: json_schema, json_schema: {...}}.</summary>
    public JsonNode? ResponseFormat { get; set; }

    /// <summary>OpenAI tool definitions the model may call: {type: function, function: {name, description, parameters}}.</summary>
    [MaxLength(128)]
    public List<JsonNode>? Tools { get; set; }

    /// <summary>
    /// The OpenAI tool_choice: none, auto, required, or {type: function, function: {name}}. With tools and no toolChoice the
    /// evaluator sends auto, so that every engine is asked the same (engines disagree on what no tool_choice means).
    /// </summary>
    public JsonNode? ToolChoice { get; set; }
}
