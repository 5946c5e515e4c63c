using System.ComponentModel.DataAnnotations;

namespace LlmOperator.Evaluation.MockLlm;

/// <summary>How <c>llmop mock-llm</c> serves; validated when it starts.</summary>
public sealed class MockLlmOptions
{
    /// <summary>The address to listen on; 127.0.0.1 unless a pod must be reached from outside.</summary>
    [Required]
    public string Host { get; set; } = "127.0.0.1";

    /// <summary>The port; 0 picks a free one.</summary>
    [Range(0, 65535)]
    public int Port { get; set; } = 8080;

    /// <summary>A JSONL file of {"input", "correct", "incorrect", "tool_call"} answers keyed by the last user message.</summary>
    public string? AnswersPath { get; set; }

    /// <summary>The share of cases answered correctly, chosen deterministically per case.</summary>
    [Range(0.0, 1.0)]
    public double Quality { get; set; } = 1.0;

    /// <summary>The delay before the first token of every chat completion.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00")]
    public TimeSpan Latency { get; set; } = TimeSpan.Zero;

    /// <summary>
    /// Text put before every answer, as a chattier model would: its answers still say what they said, but
    /// are longer, which a pipeline that cuts answers short may not survive.
    /// </summary>
    [MaxLength(4096)]
    public string Preamble { get; set; } = "";

    /// <summary>How many chat requests are answered at once (vLLM's --max-num-seqs); the others wait for a slot.</summary>
    [Range(1, 100_000)]
    public int MaxRunning { get; set; } = 256;

    /// <summary>The share of requests answered with HTTP 500.</summary>
    [Range(0.0, 1.0)]
    public double ErrorRate { get; set; }

    /// <summary>The model it lists and answers as.</summary>
    [Required, MinLength(1)]
    public string Model { get; set; } = "mock-llm";

    /// <summary>When set, chat requests must carry it as a bearer token (401 otherwise), as with a hosted provider's key.</summary>
    public string? ApiKey { get; set; }

    /// <summary>LoRA serving (--enable-lora and the rest), or null when off: then no adapter is served and any model name is answered.</summary>
    public MockLoraOptions? Lora { get; set; }

    /// <summary>The seed of the injected errors.</summary>
    public int Seed { get; set; } = 1;
}
