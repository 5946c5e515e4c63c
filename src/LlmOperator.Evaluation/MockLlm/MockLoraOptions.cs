namespace LlmOperator.Evaluation.MockLlm;

/// <summary>
/// LoRA serving as vLLM's flags and environment set it (--enable-lora, --max-loras, --max-lora-rank,
/// VLLM_ALLOW_RUNTIME_LORA_UPDATING), so that the mock engine renders and serves adapters as vLLM does.
/// </summary>
public sealed class MockLoraOptions
{
    /// <summary>The environment variable that makes vLLM (and mock-llm) serve the runtime load and unload endpoints.</summary>
    public const string RuntimeUpdatingVariable = "VLLM_ALLOW_RUNTIME_LORA_UPDATING";

    /// <summary>The file of a local adapter directory that holds its answer quality, a number from 0 to 1 (mock-llm's own).</summary>
    public const string QualityFile = "mock-quality";

    /// <summary>--max-loras: adapters in one batch (mock-llm answers each request alone, so it only reports it).</summary>
    public int MaxLoras { get; set; } = 1;

    /// <summary>--max-lora-rank (reported, as mock-llm loads no weights).</summary>
    public int MaxLoraRank { get; set; } = 16;

    /// <summary>Whether /v1/load_lora_adapter and /v1/unload_lora_adapter are served.</summary>
    public bool RuntimeUpdating { get; set; }

    /// <summary>How vLLM reads <see cref="RuntimeUpdatingVariable"/>: on for 1 or true, in any case.</summary>
    public static bool IsOn(string? value) => value?.Trim().ToLowerInvariant() is "1" or "true";
}
