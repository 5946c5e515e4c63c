using LlmOperator.Api.V1Alpha1;
using LlmOperator.Controllers.EvaluationRuns;

namespace LlmOperator.Controllers.ModelDeployments.Planning;

/// <summary>
/// An evaluate step: one EvaluationRun per gate (named by revision, attempt and step, so a restarted
/// operator finds the runs it started instead of starting them again), the canary as candidate and the
/// stable revision as baseline. Any Failed gate aborts; Inconclusive follows onInconclusive.
/// </summary>
internal static class StepEvaluation
{
    public static Advance Run(PlanBuilder plan, int index, EvaluateStep step)
    {
        var status = plan.Status;
        var revision = status.CanaryRevision!;
        var runs = new List<EvaluationRun>();
        foreach (var gate in step.Gates)
        {
            var name = ModelDeploymentNames.StepRun(plan.Name, revision, status.Attempt ?? 1, index, gate);
            var run = plan.Run(name);
            if (run is null)
            {
                if (plan.Gate(gate, $"Step {index + 1}") is not { } found)
                {
                    return Advance.Wait;
                }

                run = RolloutRuns.New(plan, name, found, revision, "rollout", Endpoints.Candidate(plan, revision), Endpoints.Stable(plan));
                plan.CreateRun(run);
                plan.Event(false, "EvaluationStarted", $"Evaluating revision {revision} with gate {gate} (run {name})");
            }

            runs.Add(run);
        }

        var outcomes = runs.Select(r => (Run: r, Outcome: GateRuns.Outcome(r))).ToList();
        var failed = outcomes.FirstOrDefault(o => o.Outcome == GateOutcome.Failed).Run;
        var pending = outcomes.FirstOrDefault(o => o.Outcome == GateOutcome.Pending).Run;
        var inconclusive = outcomes.FirstOrDefault(o => o.Outcome == GateOutcome.Inconclusive).Run;
        status.CurrentEvaluation = GateRuns.Reference(failed ?? pending ?? inconclusive ?? runs[^1]);
        if (failed is not null)
        {
            CanaryRollout.Abort(plan, "EvaluationFailed", $"gate {failed.Spec.Gate.Name} failed: {GateRuns.Verdict(failed)}");
            return Advance.Abort;
        }

        if (pending is not null)
        {
            plan.Phase(RolloutPhase.Progressing, $"Step {index + 1} of {plan.Steps.Count}: evaluating revision {revision} with {string.Join(", ", step.Gates)}.");
            return Advance.Wait;
        }

        if (inconclusive is null)
        {
            plan.Event(false, "EvaluationPassed", $"Revision {revision} passed {string.Join(", ", step.Gates)} at step {index + 1}");
            return Advance.Next;
        }

        return Inconclusive(plan, index, step, inconclusive);
    }

    private static Advance Inconclusive(PlanBuilder plan, int index, EvaluateStep step, EvaluationRun run)
    {
        var status = plan.Status;
        var why = $"gate {run.Spec.Gate.Name} was inconclusive: {GateRuns.Verdict(run)}";
        switch (step.OnInconclusive)
        {
            case InconclusivePolicy.Fail:
                CanaryRollout.Abort(plan, "EvaluationInconclusive", why);
                return Advance.Abort;
            case InconclusivePolicy.Pass:
                plan.Event(false, "EvaluationInconclusive", $"Revision {status.CanaryRevision}: {why}; the step says pass");
                return Advance.Next;
        }

        var pause = status.PauseConditions?.FirstOrDefault(p => p.Reason == PauseReason.InconclusiveEvaluation);
        if (pause is null && status.ControllerPause == true)
        {
            status.ControllerPause = null;
            plan.Event(false, "RolloutResumed", $"Rollout of revision {status.CanaryRevision} resumed by llmop promote after an inconclusive evaluation");
            return Advance.Next;
        }

        if (pause is null)
        {
            (status.PauseConditions ??= []).Add(new PauseCondition { Reason = PauseReason.InconclusiveEvaluation, StartTime = plan.Now.UtcDateTime });
            status.ControllerPause = true;
            plan.Event(true, "EvaluationInconclusive", $"Revision {status.CanaryRevision}: {why}; paused until llmop promote, retry or abort");
        }

        plan.Phase(RolloutPhase.Paused, $"Step {index + 1} of {plan.Steps.Count}: {why}. llmop promote continues, llmop abort rolls back.");
        return Advance.Wait;
    }
}
