using System.ComponentModel.DataAnnotations;
using LlmOperator.Evaluation.Datasets;

namespace LlmOperator.Evaluation.Running;

/// <summary>Settings of the evaluation engine that a gate does not carry; validated when the host starts.</summary>
public sealed class EvaluationOptions
{
    /// <summary>How long one regex may take on one answer before the assertion is an error.</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "00:01:00")]
    public TimeSpan RegexTimeout { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The backoff before the first retry; it doubles for each next one.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:01:00")]
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>The longest backoff between retries.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:10:00")]
    public TimeSpan RetryMaxDelay { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>The longest Retry-After honoured; a server asking for longer is not retried.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00")]
    public TimeSpan MaxRetryAfter { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Whether chat completions are streamed, for time to first token.</summary>
    public bool Stream { get; set; } = true;

    /// <summary>Bootstrap resamples of score comparisons.</summary>
    [Range(100, 100_000)]
    public int BootstrapResamples { get; set; } = Statistics.PairedBootstrap.DefaultResamples;

    /// <summary>The size bounds of datasets.</summary>
    [Required]
    public DatasetLimits DatasetLimits { get; set; } = DatasetLimits.Default;
}
