namespace LlmOperator.Controllers.ModelDeployments.Adapters;

/// <summary>How a call to a pod's /v1/load_lora_adapter or /v1/unload_lora_adapter (or to its adapter loader) ended.</summary>
/// <param name="Reason">Null when it succeeded; otherwise one of the reasons below.</param>
/// <param name="Message">What the engine (or the network) said.</param>
internal sealed record AdapterCallOutcome(string? Reason, string Message)
{
    /// <summary>
    /// The engine refused the adapter (4xx): not found, a rank above --max-lora-rank, a bad name; or the pod's adapter loader
    /// refused what its source holds.
    /// </summary>
    public const string Refused = "AdapterLoadRefused";

    /// <summary>The engine does not serve the endpoints: runtime LoRA updating is off (VLLM_ALLOW_RUNTIME_LORA_UPDATING).</summary>
    public const string RuntimeLoadingOff = "RuntimeLoadingDisabled";

    /// <summary>The engine failed (5xx).</summary>
    public const string EngineError = "EngineError";

    /// <summary>The pod's adapter loader could not fetch the version from its source (5xx, no answer): a later attempt may.</summary>
    public const string FetchFailed = "AdapterFetchFailed";

    /// <summary>The pod did not answer (refused connection, timeout).</summary>
    public const string Unreachable = "PodUnreachable";

    /// <summary>A load found the name taken: something is loaded under it that the pod's record does not say.</summary>
    public const string AlreadyLoaded = "AlreadyLoaded";

    /// <summary>An unload found nothing under the name: what the operator wanted already holds.</summary>
    public const string NotLoaded = "NotLoaded";

    /// <summary>Whether the call did what was asked (an unload of a name not loaded counts).</summary>
    public bool Succeeded => Reason is null or NotLoaded;

    /// <summary>A call that did what was asked.</summary>
    public static AdapterCallOutcome Done(string message) => new(null, message);
}
