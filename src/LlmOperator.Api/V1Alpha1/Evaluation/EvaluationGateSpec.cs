using System.ComponentModel.DataAnnotations;

namespace LlmOperator.Api.V1Alpha1;

/// <summary>What a candidate is judged on and what it must reach.</summary>
public sealed class EvaluationGateSpec
{
    /// <summary>The cases to run.</summary>
    [Required]
    public Dataset Dataset { get; set; } = new();

    /// <summary>Render the cases through this prompt (its active version, or the candidate version when a prompt is judged).</summary>
    public PromptReference? PromptRef { get; set; }

    /// <summary>Assertions applied to every case, before the case's own.</summary>
    [MaxLength(64)]
    public List<Assertion>? DefaultAssert { get; set; }

    /// <summary>What the candidate must reach on its own.</summary>
    public Thresholds? Thresholds { get; set; }

    /// <summary>How the candidate is compared with the baseline on the same cases.</summary>
    public ComparisonPolicy? Comparison { get; set; }

    /// <summary>How the cases are run.</summary>
    public ExecutionSettings? Execution { get; set; }
}
