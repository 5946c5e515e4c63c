using System.ComponentModel.DataAnnotations;
using LlmOperator.Api.Markers;

namespace LlmOperator.Api.V1Alpha1;

/// <summary>Everything a run needs, fixed when it is created so that its verdict can be reproduced.</summary>
[CelRule("self == oldSelf", "an EvaluationRun's spec is fixed at creation")]
public sealed class EvaluationRunSpec
{
    /// <summary>The object this run judges.</summary>
    [Required]
    public EvaluationTarget Target { get; set; } = new();

    /// <summary>A snapshot of the gate as it was when the run was created.</summary>
    [Required]
    public GateSnapshot Gate { get; set; } = new();

    /// <summary>The endpoint under test.</summary>
    [Required]
    public RunEndpoint Candidate { get; set; } = new();

    /// <summary>The endpoint the candidate is paired against; absent when the gate compares with nothing.</summary>
    public RunEndpoint? Baseline { get; set; }

    /// <summary>
    /// The per-case results the candidate is paired against instead of a baseline endpoint: those of the
    /// evaluation that released the revision, so that a scheduled run sees drift that stays above the
    /// thresholds.
    /// </summary>
    public ReleaseBaselineReference? ReleaseBaseline { get; set; }

    /// <summary>The seed of every random choice (bootstrap resampling, case order), for reproducible verdicts.</summary>
    [Range(0, long.MaxValue)]
    public long Seed { get; set; }
}
