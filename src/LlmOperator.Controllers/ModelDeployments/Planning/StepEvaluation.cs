using LlmOperator.Api.V1Alpha1;
using LlmOperator.Controllers.Common;

namespace LlmOperator.Controllers.ModelDeployments.Planning;

/// <summary>
/// An evaluate step: one EvaluationRun per gate (named by revision, attempt and step, so a restarted
/// operator finds the runs it started instead of starting them again), the canary as candidate and the
/// stable revision as baseline; and one per gate of each pipeline built on the model, with the canary in
/// the pipeline (<see cref="DependentRuns"/>). All the runs' <see cref="GateVerdict"/> decides: Failed
/// aborts, Pending waits, Passed goes on, and Inconclusive follows the step's onInconclusive.
/// </summary>
internal static class StepEvaluation
{
    public static StepProgress Run(RolloutPlanBuilder plan, int index, EvaluateStep step)
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
                    return StepProgress.Waiting;
                }

                run = RolloutRuns.New(plan, name, found, revision, "rollout", Endpoints.Candidate(plan, revision), Endpoints.Stable(plan));
                plan.CreateRun(run);
                plan.Note("EvaluationStarted", $"Evaluating revision {revision} with gate {gate} (run {name})");
            }

            runs.Add(run);
        }

        var dependents = plan.Inputs.Dependents
            .SelectMany(d => d.Gates.Select(gate => (Dependent: d, Gate: gate, Run: ModelDeploymentNames.StepRun(
                plan.Name, revision, status.Attempt ?? 1, index, $"{d.Pipeline.Metadata.Name}-{gate}"))))
            .ToList();
        var free = DependentSlots.Free(plan.Inputs.DependentRunsAtOnce, dependents.Select(d => plan.Run(d.Run)));
        foreach (var (dependent, gate, name) in dependents)
        {
            if (plan.Run(name) is not { } run)
            {
                // A pipeline's missing gate is the pipeline's to report: it does not hold up the models it calls. One
                // that waits for a slot holds up the step all the same, through the runs under way.
                if (!plan.Inputs.Gates.TryGetValue(gate, out var found) || free-- <= 0)
                {
                    continue;
                }

                run = DependentRuns.New(plan, name, found, revision, dependent);
                plan.CreateRun(run);
                plan.Note(
                    "EvaluationStarted",
                    $"Evaluating revision {revision} inside pipeline {dependent.Pipeline.Metadata.Name} with its gate {gate} (run {name})");
            }

            runs.Add(run);
        }

        var verdict = GateVerdict.Of(runs);
        status.CurrentEvaluation = verdict.Headline;
        switch (verdict.Outcome)
        {
            case GateOutcome.Failed:
                CanaryRollout.Abort(plan, "EvaluationFailed", $"{Judged(verdict)} failed{Inside(plan, verdict)}: {verdict.Verdict}");
                return StepProgress.Aborted;
            case GateOutcome.Pending:
                plan.Phase(
                    RolloutPhase.Progressing,
                    $"Step {index + 1} of {plan.Steps.Count}: evaluating revision {revision} with {string.Join(", ", step.Gates)}.");
                return StepProgress.Waiting;
            case GateOutcome.Inconclusive:
                return Inconclusive(plan, index, step, verdict);
            default:
                plan.Note("EvaluationPassed", $"Revision {revision} passed {string.Join(", ", step.Gates)} at step {index + 1}");
                return StepProgress.Done;
        }
    }

    // "gate quality", or "gate support-e2e of pipeline support-bot" for a run inside a pipeline built on the model.
    private static string Judged(GateVerdict verdict) =>
        PipelineRuns.PipelineOf(verdict.Deciding) is { } pipeline ? $"gate {verdict.Gate} of pipeline {pipeline}" : $"gate {verdict.Gate}";

    private static string Inside(RolloutPlanBuilder plan, GateVerdict verdict) =>
        PipelineRuns.PipelineOf(verdict.Deciding) is null ? "" : $" with model {plan.Name}'s canary";

    private static StepProgress Inconclusive(RolloutPlanBuilder plan, int index, EvaluateStep step, GateVerdict verdict)
    {
        var revision = plan.Status.CanaryRevision;
        var why = $"{Judged(verdict)} was inconclusive{Inside(plan, verdict)}: {verdict.Verdict}";
        switch (step.OnInconclusive)
        {
            case InconclusivePolicy.Fail:
                CanaryRollout.Abort(plan, "EvaluationInconclusive", why);
                return StepProgress.Aborted;
            case InconclusivePolicy.Pass:
                plan.Note("EvaluationInconclusive", $"Revision {revision}: {why}; the step says pass");
                return StepProgress.Done;
        }

        var paused = PlannedEvent.Warning("EvaluationInconclusive", $"Revision {revision}: {why}; paused until llmop promote, retry or abort");
        if (RolloutPauses.Hold(plan, PauseReason.InconclusiveEvaluation, paused) is null)
        {
            return StepProgress.Done;
        }

        plan.Phase(RolloutPhase.Paused, $"Step {index + 1} of {plan.Steps.Count}: {why}. llmop promote continues, llmop abort rolls back.");
        return StepProgress.Waiting;
    }
}
