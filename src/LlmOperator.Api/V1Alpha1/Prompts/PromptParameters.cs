using System.ComponentModel.DataAnnotations;
using System.Text.Json.Nodes;

namespace LlmOperator.Api.V1Alpha1;

/// <summary>Request parameters of a chat completion.</summary>
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

    /// <summary>OpenAI tool definitions the model may call.</summary>
    [MaxLength(128)]
    public List<JsonNode>? Tools { get; set; }
}
