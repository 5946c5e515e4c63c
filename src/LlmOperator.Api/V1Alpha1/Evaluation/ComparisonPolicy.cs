using System.ComponentModel;
using System.ComponentModel.DataAnnotations;

namespace LlmOperator.Api.V1Alpha1;

/// <summary>
/// How the candidate is compared with the baseline on the same cases: an exact McNemar test for
/// pass/fail pairs and a seeded paired bootstrap for scores, as a non-inferiority test.
/// </summary>
public sealed class ComparisonPolicy
{
    /// <summary>What the candidate is compared with: the stable revision, or nothing (thresholds only).</summary>
    [DefaultValue(BaselinePolicy.Stable)]
    public BaselinePolicy Baseline { get; set; } = BaselinePolicy.Stable;

    /// <summary>The largest drop in pass rate or score, 0 to 1, that still counts as no regression.</summary>
    [Range(0.0, 1.0), DefaultValue(0.05)]
    public double MaxRegression { get; set; } = 0.05;

    /// <summary>The confidence the verdict needs, 0.5 to 0.999.</summary>
    [Range(0.5, 0.999), DefaultValue(0.95)]
    public double Confidence { get; set; } = 0.95;

    /// <summary>Fewer paired cases than this gives Inconclusive, never a silent pass.</summary>
    [Range(1, int.MaxValue), DefaultValue(10)]
    public int MinCases { get; set; } = 10;
}
