using System.Globalization;
using k8s.Models;
using LlmOperator.Api.V1Alpha1;
using LlmOperator.Controllers.Common;

namespace LlmOperator.Controllers.Engines;

/// <summary>
/// What each engine runs, as its own docs say: a pinned image, the arguments and environment that load the model,
/// set the port, pin the revision and context length and pass the tokens, where it keeps weights, how much shared
/// memory it needs, how it shows the model is loaded, and which user it can run as. spec.image and spec.server
/// override them; spec.args come after the engine's own.
/// </summary>
internal static class EngineProfiles
{
    /// <summary>The configuration key llmop router reads from its revision's ConfigMap.</summary>
    public const string RouterConfigKey = "router.json";

    /// <summary>The variable of a mock server that holds the API key it requires.</summary>
    public const string MockApiKeyVariable = "LLMOP_API_KEY";

    /// <summary>The file the Ollama script writes once the model is pulled, served under its name and loaded.</summary>
    public const string OllamaReadyFile = "/tmp/model-ready";

    // What model servers may take to download and load weights (tens of GB), and what the operator's own servers need.
    private const int ModelServerStartupSeconds = 1800;
    private const int OperatorImageStartupSeconds = 120;
    private const int DefaultDrainSeconds = 30;

    // Mounted where each engine keeps weights; vLLM's is named by HF_HOME and llama.cpp's by LLAMA_CACHE.
    private const string VllmCache = "/home/vllm/.cache/huggingface";
    private const string LlamaCppCache = "/models";

    // Pulls the model (or keeps the cached copy when the registry cannot be reached), serves it under its served name
    // and loads it (an empty prompt loads a model and answers), then marks the pod started; if any of it fails the
    // server is stopped, so the container fails and says why in its log. The values come from the environment, never
    // from the script's text.
    private const string OllamaScript =
        "ollama serve & server=$!; "
        + "until ollama list >/dev/null 2>&1; do kill -0 $server || exit 1; sleep 1; done; "
        + "if { ollama pull \"$LLMOP_MODEL\" || ollama show \"$LLMOP_MODEL\" >/dev/null; } "
        + "&& { [ \"$LLMOP_MODEL\" = \"$LLMOP_SERVED_MODEL\" ] || ollama cp \"$LLMOP_MODEL\" \"$LLMOP_SERVED_MODEL\"; } "
        + "&& ollama run \"$LLMOP_SERVED_MODEL\" \"\" </dev/null >/dev/null; "
        + "then touch " + OllamaReadyFile + "; else kill $server; fi; wait $server";

    /// <summary>
    /// The serving profile of a spec; <paramref name="operatorImage"/> (pulled with <paramref name="operatorPullSecrets"/>)
    /// runs the mock engine and pipelines, whose router reads its configuration from <paramref name="routerConfigMap"/>
    /// and its components' API keys from <paramref name="routerKeys"/>. Pods that load adapters at runtime get the adapter
    /// loader, which reads hf:// sources from <paramref name="adapterHubEndpoint"/>.
    /// </summary>
    public static ServingProfile Resolve(
        ModelDeploymentSpec spec,
        string operatorImage,
        string? routerConfigMap = null,
        IReadOnlyList<V1EnvVar>? routerKeys = null,
        IReadOnlyList<string>? operatorPullSecrets = null,
        string adapterHubEndpoint = ControllerOptions.DefaultAdapterHubEndpoint)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var model = spec.Model.Name;
        var served = spec.Model.ServedName ?? model;
        var revision = spec.Model.Revision;
        var context = spec.Model.ContextLength?.ToString(CultureInfo.InvariantCulture);
        var token = SecretVariable("HF_TOKEN", spec.Model.TokenSecretRef);
        var apiKey = spec.Server?.ApiKeySecretRef;
        // spec.server.port is where the server listens: the engine's own arguments must say so too.
        var port = spec.Server?.Port ?? DefaultPort(spec.Engine);
        var listen = port.ToString(CultureInfo.InvariantCulture);
        var profile = spec.Engine switch
        {
            // docs.vllm.ai, Using Docker: the image runs as root by default and is prepared to run as its vllm user (2000)
            // in group 0, with the Hugging Face cache under /home/vllm; /dev/shm must be larger than Docker's 64 MB.
            InferenceEngine.Vllm => new ServingProfile
            {
                RunsPods = true,
                Image = "vllm/vllm-openai:v0.26.0",
                Security = PodSecurity.NonRoot(2000, 0),
                Args =
                [
                    "--model", model, "--served-model-name", served, "--port", listen,
                    .. Optional("--revision", revision), .. Optional("--max-model-len", context), .. LoraServing.Args(spec),
                ],
                Env = [Variable("HF_HOME", VllmCache), .. token, .. SecretVariable("VLLM_API_KEY", apiKey), .. LoraServing.Env(spec)],
                CachePath = VllmCache,
                SharedMemorySize = "2Gi",
                StartupSeconds = ModelServerStartupSeconds,
                DrainSeconds = DefaultDrainSeconds,
                ServedModel = served,
            },
            // TGI's README: weights in /data (the image's HF_HOME), --shm-size 1g, HF_TOKEN; the launcher reads API_KEY.
            // It runs as root: its Python lives under /root/.local, which no other user can enter.
            InferenceEngine.Tgi => new ServingProfile
            {
                RunsPods = true,
                Image = "ghcr.io/huggingface/text-generation-inference:3.3.7",
                Security = PodSecurity.Root,
                Args = ["--model-id", model, "--port", listen, .. Optional("--revision", revision), .. Optional("--max-total-tokens", context)],
                Env = [.. token, .. SecretVariable("API_KEY", apiKey)],
                CachePath = "/data",
                SharedMemorySize = "1Gi",
                StartupSeconds = ModelServerStartupSeconds,
                DrainSeconds = DefaultDrainSeconds,
                // TGI answers to any model name; clients still send one.
                ServedModel = served,
            },
            // Ollama's Docker docs keep models and its key in /root/.ollama. It serves before it has the model, so a
            // script pulls it, copies it to the served name and loads it; the startup probe waits for that.
            InferenceEngine.Ollama => new ServingProfile
            {
                RunsPods = true,
                Image = "ollama/ollama:0.32.15",
                Security = PodSecurity.Root,
                Command = ["/bin/sh", "-c"],
                Args = [OllamaScript],
                Env =
                [
                    Variable("OLLAMA_HOST", $"0.0.0.0:{listen}"),
                    // Loaded models stay loaded: the default unloads them after five idle minutes.
                    Variable("OLLAMA_KEEP_ALIVE", "-1"),
                    .. context is null ? [] : new[] { Variable("OLLAMA_CONTEXT_LENGTH", context) },
                    Variable("LLMOP_MODEL", model),
                    Variable("LLMOP_SERVED_MODEL", served),
                ],
                StartupCommand = ["test", "-f", OllamaReadyFile],
                StartupSeconds = ModelServerStartupSeconds,
                CachePath = "/root/.ollama",
                DrainSeconds = DefaultDrainSeconds,
                HealthPath = "/",
                ServedModel = served,
            },
            // llama.cpp's docs/docker.md: the server tag is the CPU build, server-cuda the CUDA one; /health answers 503
            // while the model loads. --hf-repo downloads into LLAMA_CACHE; the binary runs as any user who can write there.
            InferenceEngine.LlamaCpp => new ServingProfile
            {
                RunsPods = true,
                Image = RequestsNvidiaGpu(spec) ? "ghcr.io/ggml-org/llama.cpp:server-cuda-b9628" : "ghcr.io/ggml-org/llama.cpp:server-b9628",
                Security = PodSecurity.NonRoot(1000, 1000),
                Args = ["--hf-repo", model, "--alias", served, "--host", "0.0.0.0", "--port", listen, .. Optional("--ctx-size", context)],
                Env = [Variable("LLAMA_CACHE", LlamaCppCache), .. token, .. SecretVariable("LLAMA_API_KEY", apiKey)],
                CachePath = LlamaCppCache,
                StartupSeconds = ModelServerStartupSeconds,
                DrainSeconds = DefaultDrainSeconds,
                ServedModel = served,
            },
            InferenceEngine.Mock => new ServingProfile
            {
                RunsPods = true,
                Image = operatorImage,
                Security = PodSecurity.OperatorImage,
                Args =
                [
                    "mock-llm", "--port", listen, "--host", "$(POD_IP)", "--model", served, .. LoraServing.Args(spec),
                    .. apiKey is null ? [] : new[] { "--api-key", $"$({MockApiKeyVariable})" },
                ],
                Env = [PodIp(), .. SecretVariable(MockApiKeyVariable, apiKey), .. LoraServing.Env(spec)],
                StartupSeconds = OperatorImageStartupSeconds,
                ServedModel = served,
            },
            InferenceEngine.Pipeline => new ServingProfile
            {
                RunsPods = true,
                Image = operatorImage,
                Security = PodSecurity.OperatorImage,
                Args = ["router", "--port", listen, "--host", "$(POD_IP)"],
                // The router reads published prompts from the API.
                ServiceAccountName = NamespaceAccounts.Router,
                Env =
                [
                    PodIp(),
                    .. routerConfigMap is null ? [] : new[]
                    {
                        new V1EnvVar
                        {
                            Name = "LLMOP_ROUTER_CONFIG",
                            ValueFrom = new V1EnvVarSource { ConfigMapKeyRef = new V1ConfigMapKeySelector { Name = routerConfigMap, Key = RouterConfigKey } },
                        },
                    },
                    .. routerKeys ?? [],
                ],
                StartupSeconds = OperatorImageStartupSeconds,
                HealthPath = "/healthz",
                ServedModel = served,
            },
            InferenceEngine.External => new ServingProfile
            {
                RunsPods = false,
                ServedModel = served,
                ExternalBaseUrl = spec.External?.BaseUrl.TrimEnd('/'),
            },
            // A custom server gets the token; the API key it requires is its own to read (clients send spec.server's).
            _ => new ServingProfile { RunsPods = true, Image = spec.Image, Env = [.. token], StartupSeconds = ModelServerStartupSeconds, ServedModel = served },
        };

        // vLLM, and the mock engine that mirrors it, load adapters at runtime, from what the loader fetched among others.
        var loader = LoraServing.Enabled(spec) && spec.Engine is InferenceEngine.Vllm or InferenceEngine.Mock
            ? new AdapterLoaderSidecar(operatorImage, adapterHubEndpoint)
            : null;
        return profile with
        {
            Image = spec.Image ?? profile.Image,
            AdapterLoader = loader,
            // Another image may need another user: the operator only confines the images it knows.
            Security = spec.Image is null ? profile.Security : null,
            ImagePullSecrets = (spec.Image is null && profile.Image == operatorImage) || loader is not null ? operatorPullSecrets ?? [] : [],
            // Extra arguments are appended, except to a shell script (ollama), where they would be its $0, $1...
            Args = profile.Command.Count > 0 ? profile.Args : [.. profile.Args, .. spec.Args ?? []],
            Port = port,
            HealthPath = spec.Server?.HealthPath ?? profile.HealthPath,
            ApiBasePath = spec.Server?.ApiBasePath ?? profile.ApiBasePath,
            StartupSeconds = spec.Server?.StartupSeconds ?? profile.StartupSeconds,
            DrainSeconds = profile.DrainSeconds is null ? null : spec.Server?.DrainSeconds ?? profile.DrainSeconds,
            SharedMemorySize = profile.SharedMemorySize is null ? null : spec.Server?.SharedMemorySize ?? profile.SharedMemorySize,
        };
    }

    private static int DefaultPort(InferenceEngine engine) => engine switch
    {
        InferenceEngine.Tgi or InferenceEngine.LlamaCpp => 8080,
        InferenceEngine.Ollama => 11434,
        InferenceEngine.External => 0,
        _ => 8000,
    };

    private static IEnumerable<string> Optional(string flag, string? value) => value is null ? [] : [flag, value];

    private static V1EnvVar Variable(string name, string value) => new() { Name = name, Value = value };

    // A Secret's key the kubelet puts in the environment: the operator needs no access to Secrets.
    private static IEnumerable<V1EnvVar> SecretVariable(string name, SecretKeyReference? secret) => secret is null
        ? []
        : [new V1EnvVar { Name = name, ValueFrom = new V1EnvVarSource { SecretKeyRef = new V1SecretKeySelector { Name = secret.Name, Key = secret.Key } } }];

    // Binding the pod's own IP works in a cluster and lets the sandbox run several servers on one host.
    private static V1EnvVar PodIp() => new()
    {
        Name = "POD_IP",
        ValueFrom = new V1EnvVarSource { FieldRef = new V1ObjectFieldSelector { FieldPath = "status.podIP" } },
    };

    // nvidia.com/gpu in the server's limits or requests.
    private static bool RequestsNvidiaGpu(ModelDeploymentSpec spec) =>
        spec.Resources?.Limits?.ContainsKey("nvidia.com/gpu") == true || spec.Resources?.Requests?.ContainsKey("nvidia.com/gpu") == true;
}
