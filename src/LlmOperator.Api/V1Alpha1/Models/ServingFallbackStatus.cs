namespace LlmOperator.Api.V1Alpha1;

/// <summary>The fallback a ModelDeployment serves while its stable revision is drifted.</summary>
public sealed class ServingFallbackStatus
{
    /// <summary>The fallback ModelDeployment.</summary>
    public string Name { get; set; } = "";

    /// <summary>Its stable revision when it took over.</summary>
    public string? Revision { get; set; }

    /// <summary>Its endpoint, which status.endpoint points at meanwhile.</summary>
    public string? Endpoint { get; set; }

    /// <summary>The model name clients send to it, which status.servedModel says meanwhile.</summary>
    public string? ServedModel { get; set; }

    /// <summary>The drifted stable revision it serves instead of.</summary>
    public string? Replacing { get; set; }

    /// <summary>When it took over.</summary>
    public DateTime? Since { get; set; }

    /// <summary>The runs of the same gates that it passed before it took over.</summary>
    public List<string>? Runs { get; set; }
}
