using LlmOperator.Api.Markers;

namespace LlmOperator.Api.V1Alpha1;

/// <summary>Where a ModelDeployment's rollout stands, as the operator observed it.</summary>
public sealed class ModelDeploymentStatus
{
    /// <summary>The generation this status was computed from; nothing is Healthy for a generation the operator has not seen.</summary>
    public long? ObservedGeneration { get; set; }

    /// <summary>Progressing, Paused, Healthy or Degraded: what Argo CD and kubectl show.</summary>
    public RolloutPhase? Phase { get; set; }

    /// <summary>A one-sentence account of the phase.</summary>
    public string? Message { get; set; }

    /// <summary>The revision that serves the stable share of traffic.</summary>
    public string? StableRevision { get; set; }

    /// <summary>The revision being rolled out, if any.</summary>
    public string? CanaryRevision { get; set; }

    /// <summary>The index of the rollout step being executed.</summary>
    public int? CurrentStepIndex { get; set; }

    /// <summary>The percentage of traffic the canary receives.</summary>
    public int? CanaryWeight { get; set; }

    /// <summary>Set when the rollout was aborted, by a failed evaluation or by llmop abort; a retry clears it.</summary>
    public bool? Abort { get; set; }

    /// <summary>When the rollout was aborted; the canary is scaled down abortScaleDownDelaySeconds later.</summary>
    public DateTime? AbortedAt { get; set; }

    /// <summary>Why the rollout is paused, if it is. llmop promote clears them to resume.</summary>
    public List<PauseCondition>? PauseConditions { get; set; }

    /// <summary>Set by the operator when it pauses the rollout; with no pause conditions left, a promotion released the pause.</summary>
    public bool? ControllerPause { get; set; }

    /// <summary>Set by llmop promote --full: skip the remaining steps and promote the canary now.</summary>
    public bool? PromoteFull { get; set; }

    /// <summary>How many times the current revision's rollout was started; llmop retry starts it again, with new evaluation runs.</summary>
    public int? Attempt { get; set; }

    /// <summary>When the current rollout, or its latest attempt, began.</summary>
    public DateTime? RolloutStartedAt { get; set; }

    /// <summary>While the rollout waits for canary replicas to be ready: how many, how many are, and since when (progressDeadlineSeconds).</summary>
    public CanaryProgress? CanaryProgress { get; set; }

    /// <summary>The OpenAI base URL that serves the stable revision inside the cluster (or the hosted endpoint).</summary>
    public string? Endpoint { get; set; }

    /// <summary>The model name clients send to the endpoint for the stable revision.</summary>
    public string? ServedModel { get; set; }

    /// <summary>
    /// Set by llmop promote --accept-drift: the newest scheduled run of each gate becomes the release of the
    /// stable revision, so that later runs are paired with what it answers now. The operator clears it once
    /// they are kept.
    /// </summary>
    public bool? AcceptDrift { get; set; }

    /// <summary>The per-case results that released the stable revision, kept for scheduled runs to be paired with.</summary>
    public ReleaseBaselineStatus? ReleaseBaseline { get; set; }

    /// <summary>
    /// The last scheduled verdicts of each gate (at most <see cref="MaxScheduledVerdicts"/> per gate), newest
    /// first: the drift trend that llmop status draws and dashboards chart.
    /// </summary>
    public List<ScheduledVerdict>? ScheduledVerdicts { get; set; }

    /// <summary>How many scheduled verdicts of each gate the status remembers.</summary>
    public const int MaxScheduledVerdicts = 10;

    /// <summary>
    /// The fallback that serves while the stable revision is drifted (spec.evaluation.onDrift: fallback): status.endpoint
    /// and status.servedModel are its own meanwhile. Null while the stable revision serves.
    /// </summary>
    public ServingFallbackStatus? ServingFallback { get; set; }

    /// <summary>The evaluation of the current step or schedule.</summary>
    public EvaluationReference? CurrentEvaluation { get; set; }

    /// <summary>The release of each adapter of spec.adapters: the version that serves, the one being rolled out, and its phase.</summary>
    [ListMap("name")]
    public List<AdapterStatus>? Adapters { get; set; }

    /// <summary>
    /// The pipelines whose gates judge its canaries too, because they call it directly or through another
    /// pipeline; none with spec.rollout.dependents: ignore.
    /// </summary>
    public List<string>? Dependents { get; set; }

    /// <summary>Past rollouts, newest first, bounded by revisionHistoryLimit.</summary>
    public List<RolloutHistoryEntry>? History { get; set; }

    /// <summary>Available, Progressing, Degraded, Paused, EvaluationsPassing and, with a fallback, ServingFallback; with adapters, AdaptersLoaded.</summary>
    [ListMap("type")]
    public List<Condition>? Conditions { get; set; }
}
