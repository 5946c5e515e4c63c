using System.ComponentModel.DataAnnotations;

namespace LlmOperator.Api.V1Alpha1;

/// <summary>Which model the server loads and how clients name it.</summary>
public sealed class ModelSource
{
    /// <summary>
    /// What the server loads: a Hugging Face id (meta-llama/Llama-3.1-8B-Instruct), a GGUF repository for
    /// llamacpp (bartowski/Llama-3.2-1B-Instruct-GGUF:Q4_K_M), an Ollama name (llama3.1:8b) or a hosted model name.
    /// </summary>
    [Required, MaxLength(512)]
    public string Name { get; set; } = "";

    /// <summary>
    /// A Hugging Face revision (a commit, branch or tag) that pins what is loaded: vllm and tgi get --revision.
    /// Not for ollama or llamacpp, which cannot pin one, nor for external and pipeline.
    /// </summary>
    [MaxLength(256)]
    public string? Revision { get; set; }

    /// <summary>The model field clients send; defaults to name. Ollama serves the model under it with ollama cp.</summary>
    [MaxLength(512)]
    public string? ServedName { get; set; }

    /// <summary>
    /// The Secret key holding a Hugging Face token, for gated or private models: the server gets it as HF_TOKEN
    /// from the kubelet (the operator never reads it). For vllm, tgi, llamacpp and custom.
    /// </summary>
    public SecretKeyReference? TokenSecretRef { get; set; }

    /// <summary>
    /// The most tokens a request may hold, prompt and answer together: vllm --max-model-len, tgi --max-total-tokens,
    /// llamacpp --ctx-size, ollama OLLAMA_CONTEXT_LENGTH. Each engine's own default when unset.
    /// </summary>
    [Range(1, int.MaxValue)]
    public int? ContextLength { get; set; }
}
