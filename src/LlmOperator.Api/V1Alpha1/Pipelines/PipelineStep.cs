using System.ComponentModel.DataAnnotations;
using LlmOperator.Api.Markers;

namespace LlmOperator.Api.V1Alpha1;

/// <summary>One step of a pipeline: exactly one of call, switch or ensemble.</summary>
[CelRule(
    "(has(self.call) ? 1 : 0) + (has(self.switch) ? 1 : 0) + (has(self.ensemble) ? 1 : 0) == 1",
    "each pipeline step must set exactly one of call, switch, ensemble")]
[CelRule("!has(self.switch) || size(self.switch.filter(c, !has(c.when))) <= 1", "at most one case of a switch may omit when", FieldPath = ".switch")]
public sealed class PipelineStep
{
    /// <summary>The step's name: later steps, rules and the output read its answer as steps.NAME.output.</summary>
    [Required, MaxLength(63), RegularExpression(Patterns.CelIdentifier)]
    public string Name { get; set; } = "";

    /// <summary>Call one ModelDeployment, with fallbacks.</summary>
    public PipelineCall? Call { get; set; }

    /// <summary>Cases tried in order: the first whose when holds runs its call or answers its respond.</summary>
    [MaxLength(16)]
    public List<SwitchCase>? Switch { get; set; }

    /// <summary>Calls run in parallel and combined into one answer.</summary>
    public PipelineEnsemble? Ensemble { get; set; }
}
