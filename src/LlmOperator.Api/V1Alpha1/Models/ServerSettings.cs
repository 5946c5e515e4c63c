using System.ComponentModel.DataAnnotations;

namespace LlmOperator.Api.V1Alpha1;

/// <summary>How the server listens, starts, stops and checks callers; each field defaults to the engine's value.</summary>
public sealed class ServerSettings
{
    /// <summary>The port the server listens on and its container exposes (the engine is told to listen there).</summary>
    [Range(1, 65535)]
    public int? Port { get; set; }

    /// <summary>The path that answers 200 when the model is loaded, used by the startup, readiness and liveness probes.</summary>
    [MaxLength(1024), RegularExpression(Patterns.UrlPath)]
    public string? HealthPath { get; set; }

    /// <summary>The path under which the OpenAI API lives, for example /v1.</summary>
    [MaxLength(1024), RegularExpression(Patterns.UrlPath)]
    public string? ApiBasePath { get; set; }

    /// <summary>
    /// Seconds the server may take from its start to serving the model (downloading and loading the weights)
    /// before Kubernetes restarts it: the budget of its startup probe. Default 1800 for model servers, 120 for
    /// mock and pipeline. spec.rollout.progressDeadlineSeconds must be longer.
    /// </summary>
    [Range(10, 86400)]
    public int? StartupSeconds { get; set; }

    /// <summary>
    /// Seconds a stopping pod keeps serving (a preStop sleep) so that its Service stops sending it requests and those
    /// in flight finish before the server is told to exit; the pod gets 30 s more to exit. Default 30. For vllm,
    /// tgi, ollama and llamacpp, whose images have a shell to sleep in.
    /// </summary>
    [Range(0, 3600)]
    public int? DrainSeconds { get; set; }

    /// <summary>
    /// The size of the memory-backed /dev/shm of vllm (default 2Gi) and tgi (default 1Gi), whose processes share
    /// tensors through it; it counts against the container's memory.
    /// </summary>
    [MaxLength(64), RegularExpression(Patterns.Quantity)]
    public string? SharedMemorySize { get; set; }

    /// <summary>
    /// The Secret key holding an API key the server requires as a bearer token (vllm VLLM_API_KEY, tgi API_KEY,
    /// llamacpp LLAMA_API_KEY, mock --api-key; a custom server must be given it by its own env). Evaluations and
    /// pipelines calling this model send it. Ollama and llmop router check no key.
    /// </summary>
    public SecretKeyReference? ApiKeySecretRef { get; set; }
}
