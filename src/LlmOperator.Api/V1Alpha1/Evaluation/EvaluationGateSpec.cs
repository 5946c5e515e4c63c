using System.ComponentModel.DataAnnotations;
using LlmOperator.Api.Markers;

namespace LlmOperator.Api.V1Alpha1;

/// <summary>What a candidate is judged on and what it must reach: the answers to a dataset, live metrics, or both.</summary>
[CelRule("has(self.dataset) || has(self.metrics)", "a gate needs a dataset, metrics, or both")]
[CelRule(
    "!has(self.execution) || !has(self.execution.load) || (has(self.dataset) && has(self.metrics))",
    "execution.load replays the gate's dataset while its metrics are measured: the gate needs both",
    FieldPath = ".execution.load")]
public sealed class EvaluationGateSpec
{
    /// <summary>The cases to run; a gate of metrics alone has none.</summary>
    public Dataset? Dataset { get; set; }

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

    /// <summary>
    /// Prometheus metrics measured while the run goes on, candidate against baseline: the live half of the
    /// verdict. One that fails past its failureLimit fails the run; one that cannot be measured makes it
    /// Inconclusive.
    /// </summary>
    [MaxLength(16), ListMap("name")]
    public List<GateMetric>? Metrics { get; set; }
}
