using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using k8s.Models;
using LlmOperator.Api.Markers;

namespace LlmOperator.Api.V1Alpha1;

/// <summary>How a change to a ModelDeployment reaches all traffic.</summary>
[CelRule(
    "!has(self.maxSurge) || string(self.maxSurge).matches('^([0-9]+|([0-9]|[1-9][0-9]|100)%)$')",
    "maxSurge is a number of replicas (0 or more) or a percentage of spec.replicas from 0% to 100%, for example 1 or 25%",
    FieldPath = ".maxSurge")]
[CelRule(
    "!has(self.maxUnavailable) || string(self.maxUnavailable).matches('^([0-9]+|([0-9]|[1-9][0-9]|100)%)$')",
    "maxUnavailable is a number of replicas (0 or more) or a percentage of spec.replicas from 0% to 100%, for example 1 or 25%",
    FieldPath = ".maxUnavailable")]
[CelRule(
    "!has(self.maxSurge) || !(string(self.maxSurge) in ['0', '0%']) || (has(self.maxUnavailable) && !(string(self.maxUnavailable) in ['0', '0%']))",
    "maxSurge 0 needs maxUnavailable above 0: with no room for an extra pod, the stable revision must give up a replica before the canary can start",
    FieldPath = ".maxSurge")]
public sealed class RolloutStrategy
{
    /// <summary>The steps a new revision goes through, in order. With no steps a change is promoted as soon as it is ready.</summary>
    [MaxLength(64)]
    public List<RolloutStep>? Steps { get; set; }

    /// <summary>
    /// Whether the first revision (which has nothing to be compared with) must pass the evaluate steps'
    /// gates on its thresholds before it is declared Healthy. It serves meanwhile: nothing else can.
    /// </summary>
    [DefaultValue(false)]
    public bool EvaluateFirstDeployment { get; set; }

    /// <summary>How traffic is split between stable and canary; by default in proportion to replicas behind one Service.</summary>
    public TrafficRouting? TrafficRouting { get; set; }

    /// <summary>
    /// Seconds the rollout waits for one more canary replica to become ready, before a step or while it is promoted, before it
    /// is aborted (ProgressDeadlineExceeded, or PromotionDeadlineExceeded when promoting): the clock starts again each time one
    /// becomes ready, so a promotion one replica at a time may take longer in all. Default: the server's startup budget
    /// (spec.server.startupSeconds or the engine's) plus 600 s to schedule the pod and pull its image.
    /// </summary>
    [Range(1, int.MaxValue)]
    public int? ProgressDeadlineSeconds { get; set; }

    /// <summary>
    /// Pods the stable and canary revisions may run together above spec.replicas (a number, or a percentage of spec.replicas
    /// rounded up): what a rollout needs in spare GPUs. The stable revision gives up a replica only for a ready canary replica
    /// that takes traffic, so 1 promotes one replica at a time with one spare GPU; 100% (the default) lets the canary start all
    /// its replicas beside the stable ones.
    /// </summary>
    [DefaultValue("100%")]
    public IntOrString? MaxSurge { get; set; } = "100%";

    /// <summary>
    /// Replicas of spec.replicas that may be missing from what serves while the revisions trade places (a number, or a
    /// percentage rounded down): the stable revision may give them up before the canary's replacements are ready. 0 (the
    /// default) never takes capacity away; above 0 lets a cluster with no spare GPU roll out, with maxSurge 0.
    /// </summary>
    [DefaultValue(0)]
    public IntOrString? MaxUnavailable { get; set; } = 0;

    /// <summary>Seconds an aborted canary keeps its pods before they are scaled down, for debugging.</summary>
    [Range(0, int.MaxValue), DefaultValue(30)]
    public int AbortScaleDownDelaySeconds { get; set; } = 30;

    /// <summary>
    /// evaluate (the default): each evaluate step also judges the canary by the gates of every pipeline
    /// in the namespace that calls this model, with the canary in place of this model and paired against
    /// the pipeline as it serves; the step passes only if they pass too. ignore: only the step's gates.
    /// </summary>
    [DefaultValue(DependentsPolicy.Evaluate)]
    public DependentsPolicy Dependents { get; set; } = DependentsPolicy.Evaluate;

    /// <summary>How many old revisions (and their evaluation runs) to keep.</summary>
    [Range(0, 100), DefaultValue(3)]
    public int RevisionHistoryLimit { get; set; } = 3;
}
