using System.Globalization;
using k8s.Models;
using LlmOperator.Api.V1Alpha1;

namespace LlmOperator.Controllers.Engines;

/// <summary>
/// What each engine runs: its image, the arguments that load the model and set the port, its port,
/// health path and OpenAI base path. spec.image and spec.server override them; spec.args come after
/// the engine's own.
/// </summary>
internal static class EngineProfiles
{
    /// <summary>The configuration key llmop router reads from its revision's ConfigMap.</summary>
    public const string RouterConfigKey = "router.json";

    /// <summary>
    /// The serving profile of a spec; <paramref name="operatorImage"/> (pulled with <paramref name="operatorPullSecrets"/>)
    /// runs the mock engine and pipelines, whose router reads its configuration from <paramref name="routerConfigMap"/>
    /// and its components' API keys from <paramref name="routerKeys"/>.
    /// </summary>
    public static ServingProfile Resolve(
        ModelDeploymentSpec spec,
        string operatorImage,
        string? routerConfigMap = null,
        IReadOnlyList<V1EnvVar>? routerKeys = null,
        IReadOnlyList<string>? operatorPullSecrets = null)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var model = spec.Model.Name;
        var served = spec.Model.ServedName ?? model;
        var revision = spec.Model.Revision;
        // spec.server.port is where the server listens: the engine's own arguments must say so too.
        var port = spec.Server?.Port ?? DefaultPort(spec.Engine);
        var listen = port.ToString(CultureInfo.InvariantCulture);
        var profile = spec.Engine switch
        {
            InferenceEngine.Vllm => new ServingProfile
            {
                RunsPods = true,
                Image = "vllm/vllm-openai:v0.6.6",
                Args = ["--model", model, "--served-model-name", served, "--port", listen, .. Optional("--revision", revision), .. LoraServing.Args(spec)],
                Env = LoraServing.Env(spec),
                ServedModel = served,
            },
            InferenceEngine.Tgi => new ServingProfile
            {
                RunsPods = true,
                Image = "ghcr.io/huggingface/text-generation-inference:3.0.1",
                Args = ["--model-id", model, "--port", listen, .. Optional("--revision", revision)],
                // TGI answers to any model name; clients still send one.
                ServedModel = served,
            },
            InferenceEngine.Ollama => new ServingProfile
            {
                RunsPods = true,
                Image = "ollama/ollama:0.5.4",
                // Ollama serves before it has the model: pull it once the server is up, and be ready only then.
                Command = ["/bin/sh", "-c"],
                Args =
                [
                    "ollama serve & server=$!; until ollama list >/dev/null 2>&1; do sleep 1; done; " +
                        "ollama pull \"$OLLAMA_MODEL\" && touch /tmp/model-ready; wait $server",
                ],
                Env = [Variable("OLLAMA_HOST", $"0.0.0.0:{listen}"), Variable("OLLAMA_MODEL", model)],
                ReadinessCommand = ["test", "-f", "/tmp/model-ready"],
                HealthPath = "/",
                ServedModel = model,
            },
            InferenceEngine.LlamaCpp => new ServingProfile
            {
                RunsPods = true,
                // A pinned build; the default tag is CPU-only, so a GPU request takes the CUDA build of the same release.
                Image = RequestsNvidiaGpu(spec) ? "ghcr.io/ggml-org/llama.cpp:server-cuda-b9628" : "ghcr.io/ggml-org/llama.cpp:server-b9628",
                Args = ["--hf-repo", model, "--alias", served, "--host", "0.0.0.0", "--port", listen],
                ServedModel = served,
            },
            InferenceEngine.Mock => new ServingProfile
            {
                RunsPods = true,
                Image = operatorImage,
                Restricted = true,
                // mock-llm takes vLLM's LoRA flags and environment, and serves its adapter endpoints, as vLLM does.
                Args = ["mock-llm", "--port", listen, "--host", "$(POD_IP)", "--model", served, .. LoraServing.Args(spec)],
                Env = [PodIp(), .. LoraServing.Env(spec)],
                ServedModel = served,
            },
            InferenceEngine.Pipeline => new ServingProfile
            {
                RunsPods = true,
                Image = operatorImage,
                Restricted = true,
                Args = ["router", "--port", listen, "--host", "$(POD_IP)"],
                // The router reads published prompts from the API.
                ServiceAccountName = Common.NamespaceAccounts.Router,
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
                HealthPath = "/healthz",
                ServedModel = served,
            },
            InferenceEngine.External => new ServingProfile
            {
                RunsPods = false,
                ServedModel = served,
                ExternalBaseUrl = spec.External?.BaseUrl.TrimEnd('/'),
            },
            _ => new ServingProfile { RunsPods = true, Image = spec.Image, ServedModel = served },
        };

        return profile with
        {
            Image = spec.Image ?? profile.Image,
            Restricted = profile.Restricted && spec.Image is null,
            ImagePullSecrets = spec.Image is null && profile.Image == operatorImage ? operatorPullSecrets ?? [] : [],
            // Extra arguments are appended, except to a shell script (ollama), where they would be its $0, $1...
            Args = profile.Command.Count > 0 ? profile.Args : [.. profile.Args, .. spec.Args ?? []],
            Port = port,
            HealthPath = spec.Server?.HealthPath ?? profile.HealthPath,
            ApiBasePath = spec.Server?.ApiBasePath ?? profile.ApiBasePath,
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
