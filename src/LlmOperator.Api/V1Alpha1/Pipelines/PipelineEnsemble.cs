using System.ComponentModel.DataAnnotations;
using LlmOperator.Api.Markers;

namespace LlmOperator.Api.V1Alpha1;

/// <summary>Calls run in parallel and combined into one answer.</summary>
[CelRule("(self.combine == 'judge') == has(self.judge)", "combine judge needs a judge call, and only it takes one")]
public sealed class PipelineEnsemble
{
    /// <summary>The calls, run at once.</summary>
    [Required, MinLength(2), MaxLength(8)]
    public List<PipelineCall> Calls { get; set; } = [];

    /// <summary>vote (the most frequent answer, compared trimmed and case-insensitively), judge or first (the first to answer).</summary>
    [Required]
    public EnsembleCombine Combine { get; set; }

    /// <summary>
    /// With combine judge: the call that picks an answer; its messages see answers (the candidates'
    /// answers, numbered from 1) and must answer with the number of the one it picks.
    /// </summary>
    public PipelineCall? Judge { get; set; }
}
