using System.ComponentModel.DataAnnotations;

namespace LlmOperator.Api.V1Alpha1;

/// <summary>What one gate metric measured during a run, and its verdict.</summary>
public sealed class MetricResult
{
    /// <summary>How many measurements a result keeps.</summary>
    public const int MaxMeasurements = 10;

    /// <summary>The metric's name in the gate.</summary>
    [Required]
    public string Name { get; set; } = "";

    /// <summary>Passed, Failed (past its failureLimit), Inconclusive (past its inconclusiveLimit) or Error (the query could not be made).</summary>
    public EvaluationPhase? Phase { get; set; }

    /// <summary>The verdict and its reason in one sentence.</summary>
    public string? Message { get; set; }

    /// <summary>The query as it was sent, rendered for this run.</summary>
    public string? Query { get; set; }

    /// <summary>Measurements whose value met the conditions.</summary>
    public int? Successful { get; set; }

    /// <summary>Measurements whose value was bad.</summary>
    public int? Failed { get; set; }

    /// <summary>Measurements with no value, or where neither condition held.</summary>
    public int? Inconclusive { get; set; }

    /// <summary>Queries that failed.</summary>
    public int? Errors { get; set; }

    /// <summary>The latest measurements, oldest first (at most <see cref="MaxMeasurements"/>).</summary>
    public List<MetricMeasurement>? Measurements { get; set; }
}
