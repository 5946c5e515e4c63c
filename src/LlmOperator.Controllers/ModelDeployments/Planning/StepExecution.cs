using LlmOperator.Api.Text;
using LlmOperator.Api.V1Alpha1;
using LlmOperator.Controllers.Common;

namespace LlmOperator.Controllers.ModelDeployments.Planning;

/// <summary>
/// Runs a rollout's steps from the current one as far as they can go in one pass: setWeight and
/// setCanaryScale complete at once, a pause waits for its duration or a promotion, an evaluation waits
/// for its runs. Before any step the canary must be ready at the scale the steps so far ask for.
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
            Scale(plan, index);
            if (index == steps.Count)
            {
                return StepProgress.Done;
            }

            if (!CanaryReady(plan))
            {
                plan.Phase(
                    RolloutPhase.Progressing,
                    $"Step {index + 1} of {steps.Count}: waiting for the canary of revision {status.CanaryRevision} to be ready.");
                return StepProgress.Waiting;
            }

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

    private static void Scale(RolloutPlanBuilder plan, int index)
    {
        var status = plan.Status;
        var gateway = plan.Spec.Rollout?.TrafficRouting?.GatewayApi is not null;
        var weight = status.CanaryWeight ?? 0;
        var (stable, canary) = CanaryScaling.At(plan.Spec, weight, CanaryScaling.ScaleBefore(plan.Steps, index), gateway);
        plan.Replicas[status.StableRevision!] = stable;
        plan.Replicas[status.CanaryRevision!] = canary;
        plan.Traffic = plan.Inputs.Profile.RunsPods
            ? new TrafficTargets(gateway || weight == 0 ? status.StableRevision : null, status.StableRevision!, status.CanaryRevision!, weight)
            : null;
    }

    private static bool CanaryReady(RolloutPlanBuilder plan)
    {
        if (!plan.Inputs.Profile.RunsPods)
        {
            return true;
        }

        var wanted = plan.Replicas[plan.Status.CanaryRevision!];
        return (plan.Inputs.Revisions.GetValueOrDefault(plan.Status.CanaryRevision!)?.ReadyReplicas ?? 0) >= wanted;
    }
}
