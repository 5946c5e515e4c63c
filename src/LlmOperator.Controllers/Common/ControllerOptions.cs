using System.ComponentModel.DataAnnotations;

namespace LlmOperator.Controllers.Common;

/// <summary>Settings of the LlmOperator controllers, validated when the operator starts.</summary>
public sealed class ControllerOptions : IValidatableObject
{
    /// <summary>The image of llmop itself: evaluation Jobs and the mock engine run it.</summary>
    public string OperatorImage { get; set; } = DefaultImage;

    /// <summary>
    /// Secrets with registry credentials for <see cref="OperatorImage"/> (the operator's own imagePullSecrets): the
    /// pods that run it (evaluation Jobs, the mock engine, pipeline routers) name them, and a Secret of each name
    /// must exist in their namespace, as for any pod.
    /// </summary>
    public IList<string> ImagePullSecrets { get; } = [];

    /// <summary>
    /// The Hugging Face Hub the pods' adapter loaders read hf:// sources at a pinned revision from (their HF_ENDPOINT): a
    /// mirror of the Hub on an air-gapped cluster.
    /// </summary>
    public string AdapterHubEndpoint { get; set; } = DefaultAdapterHubEndpoint;

    /// <summary>The default of <see cref="AdapterHubEndpoint"/>: the Hub itself.</summary>
    public const string DefaultAdapterHubEndpoint = "https://huggingface.co";

    /// <summary>The ClusterRole (installed with the operator) that evaluation Jobs' service account is bound to in each namespace.</summary>
    public string EvaluationClusterRole { get; set; } = "llm-operator-eval";

    /// <summary>The ClusterRole (installed with the operator) that pipeline routers' service account is bound to in each namespace.</summary>
    public string RouterClusterRole { get; set; } = "llm-operator-router";

    /// <summary>How long past its gate's timeout an evaluation Job may run before Kubernetes stops it (a hung evaluation).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan EvaluationDeadlineMargin { get; set; } = DefaultEvaluationDeadlineMargin;

    /// <summary>The default of <see cref="EvaluationDeadlineMargin"/>.</summary>
    public static readonly TimeSpan DefaultEvaluationDeadlineMargin = TimeSpan.FromMinutes(2);

    /// <summary>
    /// Environment variables every evaluation Job gets; <c>llmop operator</c> puts its own OTLP settings
    /// (OTEL_EXPORTER_OTLP_*, OTEL_RESOURCE_ATTRIBUTES) here.
    /// </summary>
    public Dictionary<string, string> EvaluationEnvironment { get; } = new(StringComparer.Ordinal);

    /// <summary>
    /// How many evaluation Jobs the operator runs at once, in every namespace together, so that many
    /// rollouts at once do not flood the models they judge or the cluster; the others wait, Pending.
    /// </summary>
    [Range(1, 10_000)]
    public int MaxConcurrentEvaluations { get; set; } = DefaultMaxConcurrentEvaluations;

    /// <summary>The default of <see cref="MaxConcurrentEvaluations"/>.</summary>
    public const int DefaultMaxConcurrentEvaluations = 20;

    /// <summary>
    /// How many runs of the pipelines built on one candidate (a model's canary, a prompt version) are
    /// under way at once, so that a model many applications use does not start all their gates at once;
    /// the next starts when one finishes, and the candidate waits for them all.
    /// </summary>
    [Range(1, 1_000)]
    public int MaxDependentEvaluations { get; set; } = DefaultMaxDependentEvaluations;

    /// <summary>The default of <see cref="MaxDependentEvaluations"/>.</summary>
    public const int DefaultMaxDependentEvaluations = 4;

    /// <summary>The image of this build of llmop.</summary>
    public static string DefaultImage { get; } = $"ghcr.io/llmoperator/llmop:{typeof(ControllerOptions).Assembly.GetName().Version?.ToString(3) ?? "latest"}";

    /// <inheritdoc />
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (string.IsNullOrWhiteSpace(OperatorImage) || OperatorImage.Any(char.IsWhiteSpace) || OperatorImage.EndsWith(':') || OperatorImage.StartsWith('/'))
        {
            yield return new ValidationResult(
                $"'{OperatorImage}' is not an image reference (for example ghcr.io/llmoperator/llmop:0.1.0).", [nameof(OperatorImage)]);
        }

        if (!Uri.TryCreate(AdapterHubEndpoint, UriKind.Absolute, out var hub) || hub.Scheme is not ("https" or "http")
            || hub.Query.Length > 0 || hub.Fragment.Length > 0)
        {
            yield return new ValidationResult(
                $"'{AdapterHubEndpoint}' is not the http(s) URL of a Hugging Face Hub (for example https://huggingface.co).", [nameof(AdapterHubEndpoint)]);
        }

        // An object name: lowercase letters, digits and the punctuation its kind allows.
        static bool IsName(string s, string punctuation) =>
            s.Length is > 0 and <= 253 && s.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || punctuation.Contains(c, StringComparison.Ordinal));
        foreach (var secret in ImagePullSecrets.Where(s => !IsName(s, "-.")))
        {
            yield return new ValidationResult($"'{secret}' is not a Secret name.", [nameof(ImagePullSecrets)]);
        }

        foreach (var (name, member) in new[] { (EvaluationClusterRole, nameof(EvaluationClusterRole)), (RouterClusterRole, nameof(RouterClusterRole)) })
        {
            if (!IsName(name, "-.:"))
            {
                yield return new ValidationResult($"'{name}' is not a ClusterRole name.", [member]);
            }
        }
    }
}
