using System.ComponentModel.DataAnnotations;

namespace LlmOperator.Evaluation.AdapterLoader;

/// <summary>How <c>llmop adapter-loader</c> fetches and keeps adapter versions; validated when it starts.</summary>
public sealed class AdapterLoaderOptions : IValidatableObject
{
    /// <summary>The Hugging Face Hub's default endpoint, as huggingface_hub's constants.ENDPOINT has it.</summary>
    public const string DefaultHubEndpoint = "https://huggingface.co";

    /// <summary>The address to listen on: the pod's IP.</summary>
    [Required]
    public string Host { get; set; } = "127.0.0.1";

    /// <summary>The port; 0 picks a free one.</summary>
    [Range(0, 65535)]
    public int Port { get; set; } = 8090;

    /// <summary>The directory that holds one directory per adapter version (an emptyDir the engine mounts at the same path).</summary>
    [Required]
    public string Directory { get; set; } = "";

    /// <summary>The Hugging Face Hub (or a mirror of it) hf:// sources are read from (HF_ENDPOINT).</summary>
    [Required]
    public string HubEndpoint { get; set; } = DefaultHubEndpoint;

    /// <summary>The bearer token sent to the Hub (HF_TOKEN), for private and gated repositories.</summary>
    public string? HubToken { get; set; }

    /// <summary>The most bytes one version may take: downloaded, and again once extracted.</summary>
    [Range(1L, long.MaxValue)]
    public long MaxBytes { get; set; } = DefaultMaxBytes;

    /// <summary>The default of <see cref="MaxBytes"/>: 4 GiB, well above a LoRA adapter of a large model.</summary>
    public const long DefaultMaxBytes = 4L << 30;

    /// <summary>How long fetching one version may take in all.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan FetchTimeout { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>How long connecting to a source, and waiting for its answer's headers, may take.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <inheritdoc />
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!Uri.TryCreate(HubEndpoint, UriKind.Absolute, out var hub) || hub.Scheme is not ("https" or "http") || hub.Query.Length > 0)
        {
            yield return new ValidationResult($"'{HubEndpoint}' is not an http(s) URL of a Hugging Face Hub.", [nameof(HubEndpoint)]);
        }

        if (!Path.IsPathFullyQualified(Directory))
        {
            yield return new ValidationResult($"'{Directory}' is not an absolute directory.", [nameof(Directory)]);
        }
    }
}
