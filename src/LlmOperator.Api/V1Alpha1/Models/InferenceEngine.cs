using System.Text.Json.Serialization;

namespace LlmOperator.Api.V1Alpha1;

/// <summary>The inference server that serves a model.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<InferenceEngine>))]
public enum InferenceEngine
{
    /// <summary>vLLM's OpenAI-compatible server.</summary>
    [JsonStringEnumMemberName("vllm")]
    Vllm,

    /// <summary>Hugging Face Text Generation Inference.</summary>
    [JsonStringEnumMemberName("tgi")]
    Tgi,

    /// <summary>Ollama.</summary>
    [JsonStringEnumMemberName("ollama")]
    Ollama,

    /// <summary>The llama.cpp server.</summary>
    [JsonStringEnumMemberName("llamacpp")]
    LlamaCpp,

    /// <summary>A hosted OpenAI-compatible endpoint; no pods are rendered.</summary>
    [JsonStringEnumMemberName("external")]
    External,

    /// <summary>The operator's deterministic mock server, for trying rollouts without a GPU.</summary>
    [JsonStringEnumMemberName("mock")]
    Mock,

    /// <summary>Any other OpenAI-compatible server; spec.image is required.</summary>
    [JsonStringEnumMemberName("custom")]
    Custom,

    /// <summary>An application stitched from other ModelDeployments and prompts (spec.pipeline), served by llmop router.</summary>
    [JsonStringEnumMemberName("pipeline")]
    Pipeline,
}
