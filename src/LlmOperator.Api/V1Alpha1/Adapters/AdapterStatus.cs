using System.ComponentModel.DataAnnotations;

namespace LlmOperator.Api.V1Alpha1;

/// <summary>Where one adapter's release stands: the version that serves under its name, the one being rolled out, and why.</summary>
public sealed class AdapterStatus
{
    /// <summary>The adapter's name (spec.adapters[].name).</summary>
    [Required]
    public string Name { get; set; } = "";

    /// <summary>The revision (a hash of source and revision) that serves under the adapter's name.</summary>
    public string? StableRevision { get; set; }

    /// <summary>The version that serves under the adapter's name, loaded on every pod, new ones included.</summary>
    public AdapterVersion? Stable { get; set; }

    /// <summary>The revision being rolled out under the canary name, if any.</summary>
    public string? CandidateRevision { get; set; }

    /// <summary>The model name the candidate answers to while it is judged: the adapter's name with :canary.</summary>
    public string? CandidateModel { get; set; }

    /// <summary>Progressing, Paused, Healthy or Degraded, as for the whole ModelDeployment.</summary>
    public RolloutPhase? Phase { get; set; }

    /// <summary>Why it is Degraded or Paused, in one word (AdapterEvaluationFailed, AdapterLoadRefused, ...).</summary>
    public string? Reason { get; set; }

    /// <summary>A one-sentence account of the phase.</summary>
    public string? Message { get; set; }

    /// <summary>How many times the candidate's rollout was started; llmop retry --adapter starts it again with new runs.</summary>
    public int? Attempt { get; set; }

    /// <summary>Set when the candidate's rollout was aborted (a failed gate, a load the server refused, llmop abort --adapter).</summary>
    public bool? Abort { get; set; }

    /// <summary>When the candidate's rollout was aborted; cleared by the operator when a retry starts.</summary>
    public DateTime? AbortedAt { get; set; }

    /// <summary>Set by the operator when an inconclusive verdict pauses the candidate.</summary>
    public bool? Paused { get; set; }

    /// <summary>Set by llmop promote --adapter: swap the paused candidate in.</summary>
    public bool? Promote { get; set; }

    /// <summary>The evaluation of the candidate.</summary>
    public EvaluationReference? CurrentEvaluation { get; set; }

    /// <summary>Past rollouts of the adapter, newest first, bounded by spec.rollout.revisionHistoryLimit.</summary>
    public List<RolloutHistoryEntry>? History { get; set; }
}
