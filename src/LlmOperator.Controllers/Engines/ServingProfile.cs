using k8s.Models;

namespace LlmOperator.Controllers.Engines;

/// <summary>How one revision of a ModelDeployment serves: its container (when it runs pods) and its OpenAI endpoint's shape.</summary>
internal sealed record ServingProfile
{
    /// <summary>Whether the engine runs pods (every engine but external).</summary>
    public required bool RunsPods { get; init; }

    /// <summary>The container image.</summary>
    public string? Image { get; init; }

    /// <summary>Whether its pods run under the restricted Pod Security Standard: the operator's own image can; model servers' images may need more.</summary>
    public bool Restricted { get; init; }

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

    /// <summary>A command whose success means ready, for engines whose HTTP health says too little; null probes <see cref="HealthPath"/>.</summary>
    public IReadOnlyList<string>? ReadinessCommand { get; init; }

    /// <summary>The container port that serves HTTP.</summary>
    public int Port { get; init; }

    /// <summary>The path that answers 200 when the model is loaded.</summary>
    public string HealthPath { get; init; } = "/health";

    /// <summary>The path under which the OpenAI API lives.</summary>
    public string ApiBasePath { get; init; } = "/v1";

    /// <summary>The model field clients send.</summary>
    public required string ServedModel { get; init; }

    /// <summary>For external: the hosted endpoint's OpenAI base URL.</summary>
    public string? ExternalBaseUrl { get; init; }
}
