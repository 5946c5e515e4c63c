using k8s.Models;
using LlmOperator.Controllers.Common;

namespace LlmOperator.Controllers.Engines;

/// <summary>How one revision of a ModelDeployment serves: its container (when it runs pods) and its OpenAI endpoint's shape.</summary>
internal sealed record ServingProfile
{
    /// <summary>The time, beyond the startup budget, a default progress deadline leaves to schedule the pod and pull its image.</summary>
    public const int SchedulingSeconds = 600;

    /// <summary>Whether the engine runs pods (every engine but external).</summary>
    public required bool RunsPods { get; init; }

    /// <summary>The container image.</summary>
    public string? Image { get; init; }

    /// <summary>How its pods are confined; null sets no security context (an image the operator does not know).</summary>
    public PodSecurity? Security { get; init; }

    /// <summary>The Secrets its pods pull their image with: the operator's own, when they run the operator's image.</summary>
    public IReadOnlyList<string> ImagePullSecrets { get; init; } = [];

    /// <summary>The service account its pods run as, for servers that read the API; the namespace's default when null.</summary>
    public string? ServiceAccountName { get; init; }

    /// <summary>The container's command, when the image's entrypoint is not the server.</summary>
    public IReadOnlyList<string> Command { get; init; } = [];

    /// <summary>The server's arguments: the engine's, then the spec's extra ones.</summary>
    public IReadOnlyList<string> Args { get; init; } = [];

    /// <summary>Environment variables the engine needs, before the spec's own.</summary>
    public IReadOnlyList<V1EnvVar> Env { get; init; } = [];

    /// <summary>Where the server keeps the weights it downloads, where the model cache is mounted; null when it downloads none.</summary>
    public string? CachePath { get; init; }

    /// <summary>The size of the memory-backed /dev/shm, for servers whose processes share memory; null for none.</summary>
    public string? SharedMemorySize { get; init; }

    /// <summary>
    /// A command whose success means the model is loaded, for engines whose HTTP server answers before it is; null
    /// probes <see cref="HealthPath"/> until the server starts.
    /// </summary>
    public IReadOnlyList<string>? StartupCommand { get; init; }

    /// <summary>Seconds the server may take to start serving the model before it is restarted.</summary>
    public int StartupSeconds { get; init; }

    /// <summary>Seconds a stopping pod keeps serving before its server is told to exit; null when its image has no shell to sleep in.</summary>
    public int? DrainSeconds { get; init; }

    /// <summary>The container port that serves HTTP.</summary>
    public int Port { get; init; }

    /// <summary>The path that answers 200 when the model is loaded.</summary>
    public string HealthPath { get; init; } = "/health";

    /// <summary>The path under which the OpenAI API lives.</summary>
    public string ApiBasePath { get; init; } = "/v1";

    /// <summary>The model field clients send.</summary>
    public required string ServedModel { get; init; }

    /// <summary>The sidecar that fetches adapters for the engine, for engines that load them at runtime with LoRA on; null otherwise.</summary>
    public AdapterLoaderSidecar? AdapterLoader { get; init; }

    /// <summary>For external: the hosted endpoint's OpenAI base URL.</summary>
    public string? ExternalBaseUrl { get; init; }

    /// <summary>Seconds a canary may take to become ready when the spec sets no deadline: its startup budget and time to be scheduled.</summary>
    public int DefaultProgressDeadlineSeconds => StartupSeconds + SchedulingSeconds;
}
