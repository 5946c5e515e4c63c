using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using k8s.Models;
using LlmOperator.Api.Markers;

namespace LlmOperator.Api.V1Alpha1;

/// <summary>The model, the server that runs it, and how changes to either are released.</summary>
[CelRule("self.engine != 'external' || has(self.external)", "engine external needs spec.external with the baseUrl of the hosted endpoint")]
[CelRule("self.engine == 'external' || !has(self.external)", "spec.external is only allowed with engine external", FieldPath = ".external")]
[CelRule("self.engine != 'custom' || has(self.image)", "engine custom needs spec.image: the operator knows no default image for it")]
[CelRule(
    "self.engine != 'llamacpp' || self.model.name.matches('^[A-Za-z0-9][A-Za-z0-9._-]*/[A-Za-z0-9][A-Za-z0-9._-]*(:[A-Za-z0-9._-]+)?$')",
    "engine llamacpp loads a GGUF repository from Hugging Face: spec.model.name must be user/repo or user/repo:quant, "
        + "for example bartowski/Llama-3.2-1B-Instruct-GGUF:Q4_K_M",
    FieldPath = ".model.name")]
[CelRule(
    "self.engine != 'ollama' || self.model.name.matches('" + OllamaName + "')",
    "engine ollama pulls a model by its Ollama name, [host/][namespace/]model[:tag]: spec.model.name must be one, "
        + "for example llama3.1:8b or hf.co/bartowski/Llama-3.2-1B-Instruct-GGUF:Q4_K_M",
    FieldPath = ".model.name")]
[CelRule(
    "self.engine != 'ollama' || !has(self.model.servedName) || self.model.servedName.matches('" + OllamaName + "')",
    "engine ollama serves the model under spec.model.servedName by copying it (ollama cp), so it must be an Ollama name too, "
        + "for example llama-chat or llama-chat:v2",
    FieldPath = ".model.servedName")]
[CelRule(
    "!has(self.model.revision) || !(self.engine in ['ollama', 'llamacpp', 'external', 'pipeline'])",
    "spec.model.revision pins a Hugging Face revision, which vllm and tgi load with --revision: ollama pulls a tag of its registry "
        + "(put it in spec.model.name), llamacpp's --hf-repo downloads the repository as it is now, and external and pipeline load nothing",
    FieldPath = ".model.revision")]
[CelRule(
    "!has(self.model.tokenSecretRef) || self.engine in ['vllm', 'tgi', 'llamacpp', 'custom']",
    "spec.model.tokenSecretRef is the Hugging Face token of engines that download from Hugging Face (vllm, tgi, llamacpp, custom): "
        + "ollama pulls from its own registry, and mock, external and pipeline download nothing",
    FieldPath = ".model.tokenSecretRef")]
[CelRule(
    "!has(self.model.contextLength) || self.engine in ['vllm', 'tgi', 'ollama', 'llamacpp']",
    "spec.model.contextLength is passed to vllm, tgi, ollama and llamacpp only: give another server its own flag in spec.args",
    FieldPath = ".model.contextLength")]
[CelRule(
    "!has(self.modelCache) || self.engine in ['vllm', 'tgi', 'ollama', 'llamacpp']",
    "spec.modelCache is mounted where vllm, tgi, ollama and llamacpp keep the weights they download; other engines download none "
        + "or keep them where the operator does not know",
    FieldPath = ".modelCache")]
[CelRule(
    "!has(self.server) || !has(self.server.apiKeySecretRef) || self.engine in ['vllm', 'tgi', 'llamacpp', 'mock', 'custom']",
    "spec.server.apiKeySecretRef needs a server that checks an API key (vllm, tgi, llamacpp, mock, custom): ollama and llmop router "
        + "check none, and a hosted endpoint's key is spec.external.apiKeySecretRef",
    FieldPath = ".server.apiKeySecretRef")]
[CelRule(
    "!has(self.server) || !has(self.server.sharedMemorySize) || self.engine in ['vllm', 'tgi']",
    "spec.server.sharedMemorySize sizes the /dev/shm of vllm and tgi, whose processes share memory; other engines get none",
    FieldPath = ".server.sharedMemorySize")]
[CelRule(
    "!has(self.server) || !has(self.server.drainSeconds) || self.engine in ['vllm', 'tgi', 'ollama', 'llamacpp']",
    "spec.server.drainSeconds is a preStop sleep, for vllm, tgi, ollama and llamacpp, whose images have a shell: "
        + "the operator does not know what other images hold",
    FieldPath = ".server.drainSeconds")]
[CelRule(
    "!has(self.rollout) || !has(self.rollout.progressDeadlineSeconds) || !has(self.server) || !has(self.server.startupSeconds) "
        + "|| self.rollout.progressDeadlineSeconds > self.server.startupSeconds",
    "spec.rollout.progressDeadlineSeconds must be longer than spec.server.startupSeconds, or a canary still loading its model "
        + "would be aborted",
    FieldPath = ".rollout.progressDeadlineSeconds")]
[CelRule("(self.engine == 'pipeline') == has(self.pipeline)", "engine pipeline needs spec.pipeline, and only it takes one", FieldPath = ".pipeline")]
[CelRule(
    "!(has(self.adapters) || has(self.lora)) || self.engine in ['vllm', 'mock']",
    "spec.adapters and spec.lora need engine vllm (or mock, which serves adapters as vLLM does): only vLLM loads LoRA adapters at runtime",
    FieldPath = ".adapters")]
[CelRule(
    "!has(self.adapters) || self.adapters.all(a, a.name != (has(self.model.servedName) ? self.model.servedName : self.model.name))",
    "an adapter may not be named as the base model is served (spec.model.servedName, or spec.model.name without it)",
    FieldPath = ".adapters")]
[CelRule(
    "!has(self.evaluation) || !has(self.evaluation.onDrift) || self.evaluation.onDrift != 'fallback' || has(self.fallback)",
    "spec.evaluation.onDrift fallback needs spec.fallback.modelRef: the ModelDeployment to serve while this one is drifted",
    FieldPath = ".evaluation.onDrift")]
public sealed class ModelDeploymentSpec
{
    // An Ollama model name as its registry parses it (types/model/name.go): [host/][namespace/]model[:tag].
    private const string OllamaName =
        "^(([A-Za-z0-9_][A-Za-z0-9_.:-]*/)?[A-Za-z0-9_][A-Za-z0-9_-]*/)?[A-Za-z0-9_][A-Za-z0-9_.-]*(:[A-Za-z0-9_][A-Za-z0-9_.-]*)?$";

    /// <summary>The model the server loads and the name clients ask for.</summary>
    [Required]
    public ModelSource Model { get; set; } = new();

    /// <summary>
    /// The inference server. Each engine knows its default image, arguments, port, health path and
    /// OpenAI base path. external renders no pods and points at spec.external; mock runs the operator's
    /// deterministic test server.
    /// </summary>
    [Required]
    public InferenceEngine Engine { get; set; }

    /// <summary>The hosted OpenAI-compatible endpoint that engine external points at.</summary>
    public ExternalEndpoint? External { get; set; }

    /// <summary>The steps of engine pipeline: calls of other ModelDeployments and prompts that make one application.</summary>
    public PipelineSpec? Pipeline { get; set; }

    /// <summary>Replicas of the stable revision. A canary scales in proportion to its weight unless a step sets its scale.</summary>
    [Range(0, 1000), DefaultValue(1)]
    public int Replicas { get; set; } = 1;

    /// <summary>Compute resources of the server container, for example nvidia.com/gpu: 1.</summary>
    public V1ResourceRequirements? Resources { get; set; }

    /// <summary>The server image; defaults to the engine's image.</summary>
    [MaxLength(1024)]
    public string? Image { get; set; }

    /// <summary>Extra arguments for the server, after the engine's own (which load the model and set the port); all of them for engine custom.</summary>
    [MaxLength(256)]
    public List<string>? Args { get; set; }

    /// <summary>Environment variables of the server container.</summary>
    [MaxLength(256)]
    public List<V1EnvVar>? Env { get; set; }

    /// <summary>
    /// How the server listens, starts, stops and checks callers, when it differs from the engine's defaults: port,
    /// health and API paths, startup budget, drain time, shared memory and API key.
    /// </summary>
    public ServerSettings? Server { get; set; }

    /// <summary>
    /// Where the server keeps downloaded weights: an existing PersistentVolumeClaim, so that canaries, replicas and
    /// restarts do not download them again, or a sized emptyDir. For vllm, tgi, ollama and llamacpp.
    /// </summary>
    public ModelCache? ModelCache { get; set; }

    /// <summary>Node labels the server pods must match, for example a GPU type.</summary>
    public Dictionary<string, string>? NodeSelector { get; set; }

    /// <summary>Tolerations of the server pods, for example for tainted GPU nodes.</summary>
    [MaxLength(64)]
    public List<V1Toleration>? Tolerations { get; set; }

    /// <summary>How a change is released: steps, traffic routing, deadlines.</summary>
    public RolloutStrategy? Rollout { get; set; }

    /// <summary>Scheduled re-evaluation of the stable revision, to catch drift of an unchanged model.</summary>
    public ScheduledEvaluation? Evaluation { get; set; }

    /// <summary>
    /// LoRA adapters served on the base model, each under its own model name and released on its own (engine vllm,
    /// or mock): an adapter change is rolled out on the running pods, never restarting them. An empty list keeps
    /// LoRA on (--enable-lora) with no adapter, so that adding one later does not restart the pods either.
    /// </summary>
    [MaxLength(64), ListMap("name")]
    public List<LoraAdapter>? Adapters { get; set; }

    /// <summary>How many adapters the server holds and their highest rank; part of the revision (a change restarts the pods).</summary>
    public LoraSettings? Lora { get; set; }

    /// <summary>What serves while the stable revision is drifted, with spec.evaluation.onDrift: fallback. Not part of the revision.</summary>
    public ModelFallback? Fallback { get; set; }
}
