namespace LlmOperator.Pipelines.Serving;

/// <summary>Where the router reaches one component.</summary>
public sealed class RouterComponent
{
    /// <summary>The OpenAI base URL, for example http://llama-chat.support.svc:8000/v1.</summary>
    public string Url { get; set; } = "";

    /// <summary>The model name to request.</summary>
    public string Model { get; set; } = "";

    /// <summary>
    /// The environment variable of the router's pods that holds the component's API key (set from the
    /// component's apiKeySecretRef, so the router reads no Secret itself), or null for none.
    /// </summary>
    public string? ApiKeyVariable { get; set; }
}
