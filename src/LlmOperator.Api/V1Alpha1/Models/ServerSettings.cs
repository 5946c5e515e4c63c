using System.ComponentModel.DataAnnotations;

namespace LlmOperator.Api.V1Alpha1;

/// <summary>Where a server listens; each field defaults to the engine's value.</summary>
public sealed class ServerSettings
{
    /// <summary>The port the server listens on and its container exposes (the engine is told to listen there).</summary>
    [Range(1, 65535)]
    public int? Port { get; set; }

    /// <summary>The path that answers 200 when the model is loaded, used by the readiness probe.</summary>
    [MaxLength(1024), RegularExpression(Patterns.UrlPath)]
    public string? HealthPath { get; set; }

    /// <summary>The path under which the OpenAI API lives, for example /v1.</summary>
    [MaxLength(1024), RegularExpression(Patterns.UrlPath)]
    public string? ApiBasePath { get; set; }
}
