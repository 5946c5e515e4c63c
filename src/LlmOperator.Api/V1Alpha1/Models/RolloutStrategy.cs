using System.ComponentModel;
using System.ComponentModel.DataAnnotations;

namespace LlmOperator.Api.V1Alpha1;

/// <summary>How a change to a ModelDeployment reaches all traffic.</summary>
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
    /// Seconds a canary may take to become ready before the rollout is aborted. Default: the server's startup
    /// budget (spec.server.startupSeconds or the engine's) plus 600 s to schedule the pod and pull its image.
    /// </summary>
    [Range(1, int.MaxValue)]
    public int? ProgressDeadlineSeconds { get; set; }

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
