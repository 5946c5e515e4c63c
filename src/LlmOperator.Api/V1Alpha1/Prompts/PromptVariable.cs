using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Text.Json.Nodes;

namespace LlmOperator.Api.V1Alpha1;

/// <summary>A variable the prompt's templates use.</summary>
public sealed class PromptVariable
{
    /// <summary>The variable's name as the templates write it.</summary>
    [Required, MaxLength(128), RegularExpression(Patterns.Identifier)]
    public string Name { get; set; } = "";

    /// <summary>Whether every render must provide it.</summary>
    [DefaultValue(true)]
    public bool Required { get; set; } = true;

    /// <summary>What the variable holds.</summary>
    [MaxLength(1024)]
    public string? Description { get; set; }

    /// <summary>A JSON schema the value must match.</summary>
    public JsonNode? Schema { get; set; }
}
