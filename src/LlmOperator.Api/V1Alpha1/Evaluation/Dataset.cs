using System.ComponentModel.DataAnnotations;
using LlmOperator.Api.Markers;

namespace LlmOperator.Api.V1Alpha1;

/// <summary>The evaluation cases: inline, or JSONL in a ConfigMap.</summary>
[CelRule("has(self.cases) != has(self.configMapRef)", "a dataset needs exactly one of cases or configMapRef")]
public sealed class Dataset
{
    /// <summary>Cases written inline.</summary>
    [MaxLength(10000), ListMap("id")]
    public List<EvaluationCase>? Cases { get; set; }

    /// <summary>A ConfigMap key holding one JSON case per line.</summary>
    public ConfigMapKeyReference? ConfigMapRef { get; set; }

    /// <summary>The SHA-256 the dataset's bytes must have, so a gate cannot silently change.</summary>
    [RegularExpression(Patterns.Sha256)]
    public string? Sha256 { get; set; }
}
