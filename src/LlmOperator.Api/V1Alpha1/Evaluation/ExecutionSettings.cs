using System.ComponentModel;
using System.ComponentModel.DataAnnotations;

namespace LlmOperator.Api.V1Alpha1;

/// <summary>How an evaluation runs its cases.</summary>
public sealed class ExecutionSettings
{
    /// <summary>Requests in flight at once, per endpoint.</summary>
    [Range(1, 256), DefaultValue(8)]
    public int Concurrency { get; set; } = 8;

    /// <summary>The timeout of one request, for example 60s.</summary>
    [MaxLength(64), RegularExpression(Patterns.Duration), DefaultValue("60s")]
    public string RequestTimeout { get; set; } = "60s";

    /// <summary>The timeout of the whole run, after which it ends in Error.</summary>
    [MaxLength(64), RegularExpression(Patterns.Duration), DefaultValue("30m")]
    public string Timeout { get; set; } = "30m";

    /// <summary>Retries of a request that failed with 408, 429, 5xx or a network error, honouring Retry-After.</summary>
    [Range(0, 10), DefaultValue(3)]
    public int Retries { get; set; } = 3;

    /// <summary>How many times each case runs; a case passes when most of its repeats pass.</summary>
    [Range(1, 100), DefaultValue(1)]
    public int Repeats { get; set; } = 1;

    /// <summary>Record the verdict but never block a rollout or promotion.</summary>
    [DefaultValue(false)]
    public bool DryRun { get; set; }

    /// <summary>Token prices for the cost assertion and the run's cost, when the server reports no cost; a run's endpoint may set its own.</summary>
    public ModelPricing? Pricing { get; set; }

    /// <summary>Replays the dataset against the model's main Service while the gate's metrics are measured.</summary>
    public LoadSettings? Load { get; set; }
}
