using LlmOperator.Controllers.Common;

namespace LlmOperator.Controllers.EvaluationRuns;

/// <summary>What every evaluation Job gets from the operator, whatever the run.</summary>
/// <param name="Image">The operator's own image, which runs <c>llmop eval</c>.</param>
/// <param name="DeadlineMargin">How long past the gate's timeout a Job may run before Kubernetes stops it.</param>
/// <param name="Environment">
/// Environment variables of the Job's container: the operator passes on its OTLP settings so that a
/// run's spans and metrics reach the same collector as its own.
/// </param>
internal sealed record EvaluationJobSettings(string Image, TimeSpan DeadlineMargin, IReadOnlyDictionary<string, string> Environment)
{
    /// <summary>How many evaluation Jobs may run at once; a run beyond it waits, Pending, for a free one.</summary>
    public int MaxConcurrent { get; init; } = int.MaxValue;

    /// <summary>The Secrets with registry credentials for <see cref="Image"/>.</summary>
    public IReadOnlyList<string> ImagePullSecrets { get; init; } = [];

    /// <summary>The settings the operator's options give.</summary>
    public static EvaluationJobSettings From(ControllerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new(options.OperatorImage, options.EvaluationDeadlineMargin, options.EvaluationEnvironment)
        {
            MaxConcurrent = options.MaxConcurrentEvaluations,
            ImagePullSecrets = [.. options.ImagePullSecrets],
        };
    }

    /// <summary>Settings with no extra environment.</summary>
    public EvaluationJobSettings(string image, TimeSpan deadlineMargin)
        : this(image, deadlineMargin, new Dictionary<string, string>(StringComparer.Ordinal))
    {
    }
}
