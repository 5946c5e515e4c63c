using LlmOperator.Api.V1Alpha1;

namespace LlmOperator.Controllers.Engines;

/// <summary>
/// Where an adapter's weights are, as spec.adapters[].source says (hf://org/repo, pvc://claim/path or an
/// https:// URL; the CRD refuses any other form), and what the engine's /v1/load_lora_adapter is given for it.
/// </summary>
internal static class AdapterSource
{
    /// <summary>Where the PersistentVolumeClaims that adapters come from are mounted, one directory per claim.</summary>
    public const string PvcMountRoot = "/adapters";

    private const string HuggingFace = "hf://";
    private const string Pvc = "pvc://";
    private const string Https = "https://";

    /// <summary>
    /// Whether the pod's adapter loader fetches the version before the engine loads it from the loader's directory: on
    /// vLLM, an https:// archive and a Hugging Face repository at a pinned revision, which its /v1/load_lora_adapter cannot
    /// read itself. mock-llm reads its answer quality from an https:// source as it is, and gets a pinned revision through
    /// the loader as vLLM does, so that the sandbox runs the loader end to end without reaching the internet.
    /// </summary>
    public static bool FetchedByLoader(InferenceEngine engine, string source, string? revision)
    {
        ArgumentNullException.ThrowIfNull(source);
        var pinned = revision is not null && source.StartsWith(HuggingFace, StringComparison.Ordinal);
        return engine switch
        {
            InferenceEngine.Vllm => pinned || source.StartsWith(Https, StringComparison.Ordinal),
            InferenceEngine.Mock => pinned,
            _ => false,
        };
    }

    /// <summary>The PersistentVolumeClaim a pvc:// source reads, or null for another source.</summary>
    public static string? Claim(string source)
    {
        ArgumentNullException.ThrowIfNull(source);
        return source.StartsWith(Pvc, StringComparison.Ordinal) ? source[Pvc.Length..].Split('/', 2)[0] : null;
    }

    /// <summary>
    /// The lora_path the engine loads: for vLLM, the Hugging Face repository id (vLLM downloads it) or the file path
    /// in the claim's mount; for mock-llm, the source itself (it loads nothing, and reads its answer quality from it).
    /// </summary>
    public static string LoraPath(InferenceEngine engine, string source)
    {
        ArgumentNullException.ThrowIfNull(source);
        if (engine != InferenceEngine.Vllm)
        {
            return source;
        }

        if (source.StartsWith(HuggingFace, StringComparison.Ordinal))
        {
            return source[HuggingFace.Length..];
        }

        return Claim(source) is { } claim ? $"{PvcMountRoot}/{claim}/{source[(Pvc.Length + claim.Length + 1)..].TrimStart('/')}" : source;
    }
}
