using LlmOperator.Api.Text;
using LlmOperator.Api.V1Alpha1;
using LlmOperator.Controllers.Common;

namespace LlmOperator.Controllers.ModelDeployments.Planning;

/// <summary>
/// Runs a rollout's steps from the current one as far as they can go in one pass: setWeight and
/// setCanaryScale complete at once, a pause waits for its duration or a promotion, an evaluation waits
/// for its runs. Before any step the canary must be ready at the scale the steps so far ask for (within the
/// surge limits), and within progressDeadlineSeconds of its last replica that became ready.
/// </summary>
internal static class StepExecution
{
    public static StepProgress Run(RolloutPlanBuilder plan)
    {
        var status = plan.Status;
        var steps = plan.Steps;
        var index = Math.Clamp(status.CurrentStepIndex ?? 0, 0, steps.Count);
        while (true)
        {
            status.CurrentStepIndex = index;
            status.CanaryWeight = CanaryScaling.WeightBefore(steps, index);
            var wanted = Scale(plan, index);
            if (index == steps.Count)
            {
                return StepProgress.Done;
            }

            if (!CanaryReady(plan, wanted))
            {
                if (CanaryDeadline.Passed(plan, wanted, "ProgressDeadlineExceeded", $"before step {index + 1}"))
                {
                    return StepProgress.Aborted;
                }

                plan.Phase(
                    RolloutPhase.Progressing,
                    $"Step {index + 1} of {steps.Count}: waiting for the canary of revision {status.CanaryRevision} to be ready " +
                        $"({CanaryReadyReplicas(plan)} of {wanted} replicas).");
                return StepProgress.Waiting;
            }

            status.CanaryProgress = null;
            var step = steps[index];
            var progress = step switch
            {
                { SetWeight: { } weight } => SetWeight(plan, weight),
                { Pause: { } pause } => Pause(plan, index, pause),
                { Evaluate: { } evaluate } => StepEvaluation.Run(plan, index, evaluate),
                _ => StepProgress.Done,
            };
            if (progress != StepProgress.Done)
            {
                return progress;
            }

            index++;
        }
    }

    private static StepProgress SetWeight(RolloutPlanBuilder plan, int weight)
    {
        plan.Note("CanaryWeightSet", $"Revision {plan.Status.CanaryRevision} takes {weight}% of traffic");
        return StepProgress.Done;
    }

    private static StepProgress Pause(RolloutPlanBuilder plan, int index, PauseStep pause)
    {
        var status = plan.Status;
        var paused = PlannedEvent.Normal("RolloutPaused", $"Rollout of revision {status.CanaryRevision} paused at step {index + 1}"
            + (pause.Duration is null ? " until llmop promote" : $" for {pause.Duration}"));
        if (RolloutPauses.Hold(plan, PauseReason.CanaryPauseStep, paused) is not { } current)
        {
            return StepProgress.Done;
        }

        if (pause.Duration is not null)
        {
            var ends = new DateTimeOffset(current.StartTime, TimeSpan.Zero) + GoDuration.Parse(pause.Duration);
            if (plan.Now >= ends)
            {
                RolloutPauses.Release(plan, current);
                return StepProgress.Done;
            }

            plan.RequeueAt(ends);
            plan.Phase(
                RolloutPhase.Paused,
                $"Step {index + 1} of {plan.Steps.Count}: paused until {ends.UtcDateTime:yyyy-MM-ddTHH:mm:ssZ} " +
                    $"with {status.CanaryWeight}% of traffic on revision {status.CanaryRevision}.");
            return StepProgress.Waiting;
        }

        plan.Phase(
            RolloutPhase.Paused,
            $"Step {index + 1} of {plan.Steps.Count}: paused with {status.CanaryWeight}% of traffic on revision {status.CanaryRevision}; " +
                "llmop promote continues.");
        return StepProgress.Waiting;
    }

    // Scales both revisions toward the step's scale within the surge limits; returns the canary replicas that must be ready.
    private static int Scale(RolloutPlanBuilder plan, int index)
    {
        var status = plan.Status;
        var gateway = plan.Spec.Rollout?.TrafficRouting?.GatewayApi is not null;
        var weight = status.CanaryWeight ?? 0;
        var (stable, canary) = CanaryScaling.At(plan.Spec, weight, CanaryScaling.ScaleBefore(plan.Steps, index), gateway);
        var scale = SurgeLimits.Of(plan.Spec).Toward(stable, canary, CanaryReadyReplicas(plan), canaryServes: weight > 0);
        plan.Replicas[status.StableRevision!] = scale.Stable;
        plan.Replicas[status.CanaryRevision!] = scale.Canary;
        plan.Traffic = plan.Inputs.Profile.RunsPods
            ? new TrafficTargets(gateway || weight == 0 ? status.StableRevision : null, status.StableRevision!, status.CanaryRevision!, weight)
            : null;
        return scale.CanaryTarget;
    }

    private static bool CanaryReady(RolloutPlanBuilder plan, int wanted) => !plan.Inputs.Profile.RunsPods || CanaryReadyReplicas(plan) >= wanted;

    private static int CanaryReadyReplicas(RolloutPlanBuilder plan) =>
        plan.Inputs.Revisions.GetValueOrDefault(plan.Status.CanaryRevision!)?.ReadyReplicas ?? 0;
}
