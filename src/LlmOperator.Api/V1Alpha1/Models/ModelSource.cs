using System.ComponentModel.DataAnnotations;

namespace LlmOperator.Api.V1Alpha1;

/// <summary>Which model the server loads and how clients name it.</summary>
public sealed class ModelSource
{
    /// <summary>What the server loads: a Hugging Face id (meta-llama/Llama-3.1-8B-Instruct), an Ollama tag (llama3.1:8b) or a hosted model name.</summary>
    [Required, MaxLength(512)]
    public string Name { get; set; } = "";

    /// <summary>A model revision (a Hugging Face commit or tag) to pin what is loaded.</summary>
    [MaxLength(256)]
    public string? Revision { get; set; }

    /// <summary>The model field clients send; defaults to name.</summary>
    [MaxLength(512)]
    public string? ServedName { get; set; }
}
