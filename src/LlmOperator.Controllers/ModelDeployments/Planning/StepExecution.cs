using LlmOperator.Api.Text;
using LlmOperator.Api.V1Alpha1;

namespace LlmOperator.Controllers.ModelDeployments.Planning;

/// <summary>
/// Runs a rollout's steps from the current one as far as they can go in one pass: setWeight and
/// setCanaryScale complete at once, a pause waits for its duration or a promotion, an evaluation waits
/// for its runs. Before any step the canary must be ready at the scale the steps so far ask for.
/// </summary>
internal static class StepExecution
{
    public static StepResult Run(PlanBuilder plan)
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
                return StepResult.Completed;
            }

            if (!CanaryReady(plan))
            {
                plan.Phase(RolloutPhase.Progressing, $"Step {index + 1} of {steps.Count}: waiting for the canary of revision {status.CanaryRevision} to be ready.");
                return StepResult.Waiting;
            }

            var step = steps[index];
            var result = step switch
            {
                { SetWeight: { } weight } => SetWeight(plan, weight),
                { Pause: { } pause } => Pause(plan, index, pause),
                { Evaluate: { } evaluate } => StepEvaluation.Run(plan, index, evaluate),
                _ => Advance.Next,
            };
            if (result == Advance.Abort)
            {
                return StepResult.Aborted;
            }

            if (result == Advance.Wait)
            {
                return StepResult.Waiting;
            }

            index++;
        }
    }

    private static Advance SetWeight(PlanBuilder plan, int weight)
    {
        plan.Event(false, "CanaryWeightSet", $"Revision {plan.Status.CanaryRevision} takes {weight}% of traffic");
        return Advance.Next;
    }

    private static Advance Pause(PlanBuilder plan, int index, PauseStep pause)
    {
        var status = plan.Status;
        var current = status.PauseConditions?.FirstOrDefault(p => p.Reason == PauseReason.CanaryPauseStep);
        if (current is null && status.ControllerPause == true)
        {
            // The operator paused and someone cleared the pause: llmop promote.
            status.ControllerPause = null;
            plan.Event(false, "RolloutResumed", $"Rollout of revision {status.CanaryRevision} resumed by llmop promote");
            return Advance.Next;
        }

        if (current is null)
        {
            current = new PauseCondition { Reason = PauseReason.CanaryPauseStep, StartTime = plan.Now.UtcDateTime };
            (status.PauseConditions ??= []).Add(current);
            status.ControllerPause = true;
            plan.Event(false, "RolloutPaused", $"Rollout of revision {status.CanaryRevision} paused at step {index + 1}"
                + (pause.Duration is null ? " until llmop promote" : $" for {pause.Duration}"));
        }

        if (pause.Duration is not null)
        {
            var ends = new DateTimeOffset(current.StartTime, TimeSpan.Zero) + GoDuration.Parse(pause.Duration);
            if (plan.Now >= ends)
            {
                status.PauseConditions!.Remove(current);
                status.PauseConditions = status.PauseConditions.Count == 0 ? null : status.PauseConditions;
                status.ControllerPause = null;
                return Advance.Next;
            }

            plan.RequeueAt(ends);
            plan.Phase(RolloutPhase.Paused, $"Step {index + 1} of {plan.Steps.Count}: paused until {ends.UtcDateTime:yyyy-MM-ddTHH:mm:ssZ} with {status.CanaryWeight}% of traffic on revision {status.CanaryRevision}.");
            return Advance.Wait;
        }

        plan.Phase(RolloutPhase.Paused, $"Step {index + 1} of {plan.Steps.Count}: paused with {status.CanaryWeight}% of traffic on revision {status.CanaryRevision}; llmop promote continues.");
        return Advance.Wait;
    }

    private static void Scale(PlanBuilder plan, int index)
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

    private static bool CanaryReady(PlanBuilder plan)
    {
        if (!plan.Inputs.Profile.RunsPods)
        {
            return true;
        }

        var wanted = plan.Replicas[plan.Status.CanaryRevision!];
        return (plan.Inputs.Revisions.GetValueOrDefault(plan.Status.CanaryRevision!)?.ReadyReplicas ?? 0) >= wanted;
    }
}
